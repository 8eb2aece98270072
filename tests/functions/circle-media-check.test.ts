import { Emulator } from '../../emulator/app';
import { OpenApi } from '../../emulator/openapi';
import { startApp } from '../helpers/app';
import { COMMITTEE, GRID1_NEIGHBOUR, GRID1_RESIDENT, postAs } from './circle-fixtures';
import { okCall } from './neighbourhood';

/**
 * Images of the circle get WeChat's asynchronous media check (security.mediaCheckAsync v2, whose
 * verdict arrives later as the message push event wxa_media_check; see emulator/openapi/media-check.ts
 * for the documented shapes): pass shows them to the neighbours without a committee member, risky
 * hides them, review leaves them to the committee.
 */

const PNG = (marker = '') => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.from(`picture ${marker}`)]);

describe('the media check of post images, through the real SDK and the pushed verdict', () => {
  let emulator: Emulator;
  let n = 0;
  const upload = (marker = '') => emulator.storage.store(`circle/${GRID1_RESIDENT}/${++n}.png`, PNG(marker));
  const seenBy = async (openid: string, postId: string) => (await okCall(emulator, openid, 'circle', 'get', { postId })).item;
  const queue = async () => (await okCall(emulator, COMMITTEE, 'circle', 'reviewQueue', { communityId: 'demo-community' })).items.map((e: any) => e.item?.id ?? e.id);

  beforeAll(async () => {
    emulator = await startApp();
  });
  afterAll(() => emulator.close());

  it('images that all pass are shown to the neighbours once the verdicts arrive, and leave the review queue', async () => {
    const images = [await upload(), await upload()];
    const post = await postAs(emulator, GRID1_RESIDENT, '小区的银杏黄了', { images });
    expect(post.imageStatus).toBe('pending');
    expect(emulator.openApi.mediaChecks.waiting()).toBe(2);
    expect((await seenBy(GRID1_NEIGHBOUR, post.id)).images).toEqual([]);
    expect(JSON.stringify(await queue())).toContain(post.id);

    await emulator.openApi.mediaChecks.flush();
    expect(await seenBy(GRID1_NEIGHBOUR, post.id)).toMatchObject({ imageStatus: 'approved', images });
    expect(JSON.stringify(await queue())).not.toContain(post.id);
    const pushed = emulator.openApi.mediaChecks.pushed.slice(-2);
    expect(pushed.map((e) => [e.MsgType, e.Event, e.version, (e.result as any).suggest])).toEqual([
      ['event', 'wxa_media_check', 2, 'pass'],
      ['event', 'wxa_media_check', 2, 'pass'],
    ]);
  });

  it('one risky image hides the images from everyone but their author; the text stays', async () => {
    const images = [await upload(), await upload('YOULIN-RISKY')];
    const post = await postAs(emulator, GRID1_RESIDENT, '晒晒我家阳台', { images });
    await emulator.openApi.mediaChecks.flush();
    expect(await seenBy(GRID1_NEIGHBOUR, post.id)).toMatchObject({ imageStatus: 'rejected', images: [], content: '晒晒我家阳台', status: 'published' });
    expect(JSON.stringify(await queue())).not.toContain(post.id);
  });

  it('an image sent to review stays pending in the committee’s queue, who decides', async () => {
    const post = await postAs(emulator, GRID1_RESIDENT, '这是什么鸟？', { images: [await upload('YOULIN-REVIEW')] });
    await emulator.openApi.mediaChecks.flush();
    expect((await seenBy(GRID1_NEIGHBOUR, post.id)).imageStatus).toBe('pending');
    expect(JSON.stringify(await queue())).toContain(post.id);
    await okCall(emulator, COMMITTEE, 'circle', 'moderate', { target: 'post', id: post.id, decision: 'approve' });
    expect((await seenBy(GRID1_NEIGHBOUR, post.id)).imageStatus).toBe('approved');
  });

  it('trace ids never leave the functions, so an event someone makes up changes nothing', async () => {
    const post = await postAs(emulator, GRID1_RESIDENT, '谁的快递放错了', { images: [await upload('YOULIN-RISKY')] });
    const traceId = (emulator.db.find('posts', { _id: post.id })[0] as any).mediaChecks[0].traceId;
    expect(traceId).toMatch(/^[0-9a-f-]{26}$/);
    const answers = [post, await seenBy(GRID1_RESIDENT, post.id), await okCall(emulator, COMMITTEE, 'circle', 'reviewQueue', { communityId: 'demo-community' })];
    expect(JSON.stringify(answers)).not.toContain(traceId);
    // A resident sends a push-shaped event with a guessed trace id: no post matches.
    const forged = await fetch(`${emulator.url}/functions/circle`, {
      method: 'POST',
      headers: { 'x-openid': GRID1_RESIDENT },
      body: JSON.stringify({ MsgType: 'event', Event: 'wxa_media_check', trace_id: 'guessed-trace', result: { suggest: 'pass' } }),
    });
    expect(await forged.json()).toEqual({ ok: true, data: { handled: false } });
    expect((await seenBy(GRID1_RESIDENT, post.id)).imageStatus).toBe('pending');
    await emulator.openApi.mediaChecks.flush();
    expect((await seenBy(GRID1_RESIDENT, post.id)).imageStatus).toBe('rejected');
  });

  it('an image whose check cannot be asked for (not in storage) waits for the committee as before', async () => {
    const post = await postAs(emulator, GRID1_RESIDENT, '捡到钥匙', { images: ['cloud://env.bucket/nowhere.jpg'] });
    expect(emulator.openApi.mediaChecks.waiting()).toBe(0);
    expect(JSON.stringify(await queue())).toContain(post.id);
  });
});

describe('the emulator pushes verdicts by itself after its delay', () => {
  it('delivers to the configured function without a flush', async () => {
    const emulator = await startApp({ mediaCheckDelayMs: 10 });
    try {
      const fileId = await emulator.storage.store('circle/a/1.png', PNG());
      const post = await postAs(emulator, GRID1_RESIDENT, '夕阳', { images: [fileId] });
      // Event-driven: wait until the verdict was pushed, then until its handling finished.
      while (emulator.openApi.mediaChecks.waiting() > 0) await new Promise((resolve) => setTimeout(resolve, 10));
      await emulator.openApi.mediaChecks.flush();
      expect((await okCall(emulator, GRID1_NEIGHBOUR, 'circle', 'get', { postId: post.id })).item.imageStatus).toBe('approved');
    } finally {
      await emulator.close();
    }
  });
});

describe('the fake refuses what WeChat refuses', () => {
  const api = new OpenApi({ mediaCheck: { delayMs: null } });
  const ask = (params: Record<string, unknown>) => JSON.parse(api.handle('security.mediaCheckAsync', params).body.toString('utf8'));
  const good = { media_url: 'https://example.invalid/a.png', media_type: 2, version: 2, scene: 3, openid: 'o-someone' };

  it.each([
    ['a cloud fileID instead of a URL', { media_url: 'cloud://env.bucket/a.png' }, 47001],
    ['no URL', { media_url: '' }, 44002],
    ['version 1 (retired 2021-09-01)', { version: 1 }, 47001],
    ['a media type other than audio or image', { media_type: 3 }, 47001],
    ['a scene outside 1–4', { scene: 9 }, 40129],
    ['a malformed openid', { openid: '' }, 40003],
  ])('%s', (_what, change, errcode) => {
    expect(ask({ ...good, ...change })).toMatchObject({ errcode });
    expect(api.mediaChecks.waiting()).toBe(0);
  });

  it('accepts a valid request with a trace_id and nothing else', () => {
    expect(ask(good)).toEqual({ errcode: 0, errmsg: 'ok', trace_id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/) });
    api.mediaChecks.close();
  });
});
