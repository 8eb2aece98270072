/**
 * @jest-environment ./tests/miniprogram/jsdom-with-fetch.ts
 *
 * 发布 (compose) in miniprogram-simulate, in local mode against the emulator running the real
 * functions on the seeded demo neighbourhood. Pictures come from a stubbed wx.chooseMedia as real
 * PNG files on disk and really go over HTTP to the emulator's storage (wx.uploadFile); the outcome
 * of moderation reads in plain words; a refused text stays; a lost answer is retried once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { call } from '../helpers/app';
import { WxRequestOptions, wxRequestOverHttp } from './emulator-phone';
import { element, screen, settled, tapOn, typeInto } from './screen';
import { privacyAgreed } from './privacy-dialog';
import { pageTestSetup } from './page-test';

/** The privacy agreement is already given; the dialog itself is tested with 我的. */
const phone = pageTestSetup({ wx: privacyAgreed });

let photos: string[];
/** A real PNG of `size`×`size` pixels in one colour, as small as an album picture gets. */
function png(size: number, rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(zlib.crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits a channel, RGB
  const row = Buffer.concat([Buffer.from([0]), ...Array.from({ length: size }, () => Buffer.from(rgb))]);
  const pixels = zlib.deflateSync(Buffer.concat(Array.from({ length: size }, () => row)));
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'youlin-album-'));
  photos = (
    [
      [200, 30, 30],
      [250, 250, 250],
    ] as const
  ).map((rgb, i) => {
    const file = path.join(dir, `tmp_photo_${i + 1}.png`);
    fs.writeFileSync(file, png(8, [...rgb]));
    return file;
  });
});

/** The album hands back these files, as wx.chooseMedia does. */
function album(files: string[]) {
  return jest.fn((o: { count: number; mediaType: string[]; sizeType: string[]; success(res: object): void }) =>
    o.success({ type: 'image', tempFiles: files.slice(0, o.count).map((tempFilePath) => ({ tempFilePath, size: fs.statSync(tempFilePath).size, fileType: 'image' })) }),
  );
}

const postsBy = (openid: string) => phone.emulator.db.find('posts', { 'author.openid': openid }) as any[];

test('a resident asks for help anonymously with 2 photos, sees 图片审核中, and finds it in the feed with the photos', async () => {
  const chooseMedia = album(photos);
  const page = phone.open('pages/compose/compose', 'demo-resident-7', { wx: { chooseMedia } });
  await settled();
  expect(page.querySelector('.compose__anonymous')).toBeUndefined();

  tapOn(page, '.compose__kind--help');
  await settled();
  element(page, '.compose__anonymous').dispatchEvent('change', { detail: { value: true } });
  typeInto(page, '.compose__content', '楼道的灯坏了，谁家有长梯子借用一下？');
  tapOn(element(page, '.compose__images'), '.image-picker__add');
  await settled();
  expect(chooseMedia).toHaveBeenCalledTimes(1);
  expect(chooseMedia.mock.calls[0][0]).toMatchObject({ count: 9, mediaType: ['image'], sizeType: ['compressed'] });
  expect(element(page, '.compose__images').querySelectorAll('.image-picker__image')).toHaveLength(2);

  tapOn(page, '.compose__submit');
  await settled();
  expect(screen(page)).toContain('已发布');
  expect(screen(page)).toContain('图片审核中');

  const [stored] = postsBy('demo-resident-7');
  expect(stored).toMatchObject({ kind: 'help', anonymous: true, imageStatus: 'pending' });
  expect(stored.images).toHaveLength(2);
  for (const [i, fileId] of stored.images.entries()) {
    expect(fileId).toMatch(/^cloud:\/\/youlin-local\.[^/]+\/circle\/\d{8}\/\w+\.png$/);
    expect(await phone.emulator.storage.read(fileId)).toEqual(fs.readFileSync(photos[i]));
  }

  // The author's feed shows the post with both photos, served over HTTP by the emulator.
  const feed = phone.open('pages/circle/circle', 'demo-resident-7');
  await settled();
  const card = feed.data.cards.find((c: any) => c.id === stored._id);
  expect(card.thumbs).toHaveLength(2);
  const served = await fetch(card.thumbs[1]);
  expect(served.status).toBe(200);
  expect(served.headers.get('content-type')).toBe('image/png');
  expect(Buffer.from(await served.arrayBuffer())).toEqual(fs.readFileSync(photos[1]));
  expect(screen(feed)).toContain('图片审核中');

  // A neighbour sees 匿名邻居 and no photos until the committee approves them.
  const neighbour = phone.open('pages/circle/circle', 'demo-resident-1');
  await settled();
  expect(neighbour.data.cards.find((c: any) => c.id === stored._id)).toMatchObject({ author: '匿名邻居', thumbs: [] });
  expect(await call(phone.emulator, 'demo-committee', 'circle', 'moderate', { target: 'post', id: stored._id, decision: 'approve' })).toMatchObject({ ok: true });
  const previewImage = jest.fn();
  const detail = phone.open('pages/post-detail/post-detail', 'demo-resident-1', { query: { id: stored._id }, wx: { previewImage } });
  await settled();
  expect(screen(detail)).toContain('匿名邻居');
  const images = detail.querySelectorAll('.post__image');
  expect(images).toHaveLength(2);
  images[1].dispatchEvent('tap');
  await settled();
  expect(previewImage).toHaveBeenCalledWith({ current: detail.data.post.images[1], urls: detail.data.post.images });
});

test('a post with a word that needs review says so in plain words', async () => {
  const page = phone.open('pages/compose/compose', 'demo-resident-8');
  await settled();
  typeInto(page, '.compose__content', '有闲置的儿童书籍，需要的加微信联系');
  tapOn(page, '.compose__submit');
  await settled();

  expect(screen(page)).toContain('内容需要人工审核，审核通过后邻居们才能看到');
  expect(postsBy('demo-resident-8')).toEqual([expect.objectContaining({ status: 'review' })]);
});

test('a risky text is refused with its reason, and the text stays so nothing is lost', async () => {
  const text = '周末在活动室组织赌博，有意者来';
  const page = phone.open('pages/compose/compose', 'demo-resident-9');
  await settled();
  typeInto(page, '.compose__content', text);
  tapOn(page, '.compose__submit');
  await settled();

  expect(screen(page)).toContain('未能发布');
  // The box still holds the text (its value is bound to this).
  expect(page.data.content).toBe(text);
  expect(page.querySelector('.compose__submit')).toBeDefined();
  expect(postsBy('demo-resident-9')).toEqual([]);
});

test('an empty post is stopped before anything is sent', async () => {
  const page = phone.open('pages/compose/compose', 'demo-resident-10');
  await settled();
  typeInto(page, '.compose__content', '   ');
  tapOn(page, '.compose__submit');
  await settled();
  expect(screen(page)).toContain('内容不能少于 1 个字');
});

test('when the answer to 发布 is lost, tapping again sends the same key and publishes once', async () => {
  const keys: string[] = [];
  let loseNextAnswer = true;
  const request = (options: WxRequestOptions) => {
    const event = options.data as { action?: string; idempotencyKey?: string };
    if (event.action !== 'post') return wxRequestOverHttp(options);
    keys.push(event.idempotencyKey ?? '');
    if (!loseNextAnswer) return wxRequestOverHttp(options);
    loseNextAnswer = false;
    // It reaches the emulator, but the phone never hears back.
    wxRequestOverHttp({ ...options, success: () => options.fail?.({ errMsg: 'request:fail socket closed' }) });
  };
  const page = phone.open('pages/compose/compose', 'demo-resident-11', { wx: { request, chooseMedia: album(photos.slice(0, 1)) } });
  await settled();
  typeInto(page, '.compose__content', '捡到一只橘猫，在 3 号楼楼下');
  tapOn(page, '.compose__kind--lostFound');
  tapOn(element(page, '.compose__images'), '.image-picker__add');
  await settled();

  tapOn(page, '.compose__submit');
  await settled();
  expect(screen(page)).toContain('网络不给力，请稍后重试');
  expect(page.data.content).toBe('捡到一只橘猫，在 3 号楼楼下');

  tapOn(page, '.compose__submit');
  await settled();
  expect(screen(page)).toContain('已发布');
  expect(keys).toHaveLength(2);
  expect(keys[1]).toBe(keys[0]);
  expect(postsBy('demo-resident-11')).toHaveLength(1);
  expect(postsBy('demo-resident-11')[0]).toMatchObject({ kind: 'lostFound', anonymous: false });
});

test('when a photo fails to upload, nothing is posted and the text and photos stay for another try', async () => {
  let uploads = 0;
  const uploadFile = (o: { fail?(err: { errMsg: string }): void }) => {
    uploads += 1;
    setTimeout(() => o.fail?.({ errMsg: 'uploadFile:fail net::ERR_CONNECTION_RESET' }));
  };
  const page = phone.open('pages/compose/compose', 'demo-resident-12', { wx: { uploadFile, chooseMedia: album(photos) } });
  await settled();
  typeInto(page, '.compose__content', '小区花园的月季开了');
  tapOn(element(page, '.compose__images'), '.image-picker__add');
  await settled();
  tapOn(page, '.compose__submit');
  await settled();

  expect(uploads).toBe(2);
  expect(screen(page)).toContain('有图片没能上传，请检查网络后再点发布');
  expect(page.data.content).toBe('小区花园的月季开了');
  expect(element(page, '.compose__images').querySelectorAll('.image-picker__image')).toHaveLength(2);
  expect(postsBy('demo-resident-12')).toEqual([]);
});

test('the emulator stores an upload only at a path inside its storage', async () => {
  const send = (cloudPath: string) => {
    const boundary = 'youlin-test-boundary';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="cloudPath"\r\n\r\n${cloudPath}\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\n`),
      fs.readFileSync(photos[0]),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return fetch(`${phone.emulator.url}/emulator/upload`, { method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, body });
  };
  const refused = await send('../outside.png');
  expect(refused.status).toBe(400);
  const stored = await send('circle/20261101/ok.png');
  expect(stored.status).toBe(200);
  const { fileID } = (await stored.json()) as { fileID: string };
  const served = await fetch(`${phone.emulator.url}/emulator/file?id=${encodeURIComponent(fileID)}`);
  expect(Buffer.from(await served.arrayBuffer())).toEqual(fs.readFileSync(photos[0]));
  expect((await fetch(`${phone.emulator.url}/emulator/file?id=${encodeURIComponent('cloud://other-env.bucket/circle/x.png')}`)).status).toBe(404);
});

test('a resident who declines the privacy agreement is told why no album opens, and can still post text', async () => {
  const chooseMedia = album(photos);
  const getPrivacySetting = ({ success }: { success(res: object): void }) => success({ needAuthorization: true, privacyContractName: '《友邻圈隐私保护指引》' });
  const page = phone.open('pages/compose/compose', 'demo-resident-13', { wx: { chooseMedia, getPrivacySetting } });
  await settled();

  tapOn(element(page, '.compose__images'), '.image-picker__add');
  await settled();
  const dialog = element(page, '#privacy-dialog');
  expect(dialog.dom?.textContent).toContain('隐私保护提示');
  tapOn(dialog, '.privacy-dialog__decline');
  await settled();

  expect(chooseMedia).not.toHaveBeenCalled();
  expect(screen(page)).toContain('同意隐私保护指引后才能从相册选择照片；不加照片也可以直接发布');
  typeInto(page, '.compose__content', '今天小区门口的银杏叶全黄了');
  tapOn(page, '.compose__submit');
  await settled();
  expect(screen(page)).toContain('已发布');
});
