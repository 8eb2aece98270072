// Cloud storage through the real wx-server-sdk inside a hosted function: the upload ticket, the PUT
// of the bytes, temporary download URLs, the download, deletion, and files kept in the data folder.
import fs from 'node:fs';
import path from 'node:path';
import { Emulator } from '../../emulator/app';
import { runInFunction, startTestEmulator, tempDir } from '../helpers/emulator';

const ROSTER = '\uFEFF序号,昵称,手机号\r\n1,王秀英,138****0001\r\n';

/** Uploads `content` to `cloudPath` from inside the probe function; answers the SDK's reply. */
const upload = (emulator: Emulator, cloudPath: string, content = ROSTER) =>
  runInFunction(emulator, `async ({ cloud }) => cloud.uploadFile({ cloudPath: ${JSON.stringify(cloudPath)}, fileContent: Buffer.from(${JSON.stringify(content)}, 'utf8') })`);

/** Downloads a file with the SDK from inside the probe function; answers its text, or the error. */
const download = (emulator: Emulator, fileID: string) =>
  runInFunction(
    emulator,
    `async ({ cloud }) => {
      try { return { text: (await cloud.downloadFile({ fileID: ${JSON.stringify(fileID)} })).fileContent.toString('utf8') }; }
      catch (e) { return { errCode: e.errCode, errMsg: e.errMsg }; }
    }`,
  );

const tempUrls = (emulator: Emulator, fileIDs: string[]) => runInFunction(emulator, `async ({ cloud }) => (await cloud.getTempFileURL({ fileList: ${JSON.stringify(fileIDs)} })).fileList`);

describe('cloud storage through the real SDK in a hosted function', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startTestEmulator();
  });
  afterAll(() => emulator.close());

  it('a function uploads a roster and gets a cloud:// fileID; downloading it gives back the same bytes, byte-order mark included', async () => {
    const { fileID, errMsg } = await upload(emulator, 'rosters/垃圾分类 课堂.csv');
    expect(errMsg).toBe('uploadFile:ok');
    expect(fileID).toBe(`cloud://youlin-local.${emulator.storage.bucket}/rosters/垃圾分类 课堂.csv`);
    expect(await download(emulator, fileID)).toEqual({ text: ROSTER });
    expect((await emulator.storage.read(fileID))?.toString('utf8')).toBe(ROSTER);
  });

  it('a temporary URL lets the mini-program fetch the file as CSV; a tampered or expired one is refused', async () => {
    const { fileID } = await upload(emulator, 'rosters/url.csv');
    const [item] = await tempUrls(emulator, [fileID]);
    expect(item).toMatchObject({ fileID, status: 0, errMsg: 'ok', maxAge: 86400 });
    const res = await fetch(item.tempFileURL);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(Buffer.from(await res.arrayBuffer()).toString('utf8')).toBe(ROSTER);

    const url = new URL(item.tempFileURL);
    const other = new URL(item.tempFileURL.replace('url.csv', 'other.csv'));
    expect((await fetch(other)).status).toBe(403);
    url.searchParams.set('t', String(Math.floor(Date.now() / 1000) - 1));
    expect((await fetch(url)).status).toBe(403);
  });

  it('a file that is not there: getTempFileURL says so per file, and downloadFile fails', async () => {
    const { fileID } = await upload(emulator, 'rosters/there.csv');
    const missing = fileID.replace('there.csv', 'gone.csv');
    const list = await tempUrls(emulator, [fileID, missing]);
    expect(list.map((f: { status: number }) => f.status)).toEqual([0, -503003]);
    expect(await download(emulator, missing)).toMatchObject({ errMsg: expect.stringContaining('downloadFile:fail') });
  });

  it('deleteFile removes a file: it can no longer be downloaded', async () => {
    const { fileID } = await upload(emulator, 'covers/old.png', 'not really a png');
    const deleted = await runInFunction(emulator, `async ({ cloud }) => (await cloud.deleteFile({ fileList: [${JSON.stringify(fileID)}] })).fileList`);
    expect(deleted).toEqual([{ fileID, status: 0, errMsg: 'ok' }]);
    expect(await emulator.storage.read(fileID)).toBeNull();
  });

  it('a path that climbs out (../) or has empty segments is refused before anything is stored', async () => {
    for (const cloudPath of ['../escape.csv', 'a//b.csv', '/abs.csv']) {
      const answer = await runInFunction(
        emulator,
        `async ({ cloud }) => { try { return await cloud.uploadFile({ cloudPath: ${JSON.stringify(cloudPath)}, fileContent: Buffer.from('x') }); } catch (e) { return { errMsg: e.errMsg }; } }`,
      );
      expect(answer.errMsg).toMatch(/uploadFile:fail/);
    }
  });

  it('bytes PUT without a valid upload ticket are refused with a COS-style XML error', async () => {
    const res = await fetch(`${emulator.url}/storage/upload/${'0'.repeat(32)}`, { method: 'PUT', body: 'sneaky', headers: { authorization: 'x' } });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
  });
});

describe('with a data folder', () => {
  it('an uploaded file is kept under storage/ and survives a restart', async () => {
    const dataDir = tempDir();
    const first = await startTestEmulator({ dataDir });
    const { fileID } = await upload(first, 'rosters/kept.csv');
    await first.close();
    expect(fs.readFileSync(path.join(dataDir, 'storage', 'rosters', 'kept.csv'), 'utf8')).toBe(ROSTER);

    const second = await startTestEmulator({ dataDir });
    try {
      expect(await download(second, fileID)).toEqual({ text: ROSTER });
    } finally {
      await second.close();
    }
  });
});
