/**
 * wxacode.getUnlimited: argument rules, and proof that the PNG holds the documented
 * text. No QR decoder is installed, so the image is decoded with pngjs (qrcode's own
 * dependency) and its modules are compared with `QRCode.create(expected text)`.
 */
import QRCode from 'qrcode';
import { PNG_SIGNATURE, WXACODE_MARGIN, decodeWxacodeText, getUnlimited, renderQrPng, wxacodeText } from '../../emulator/openapi/wxacode';

interface DecodedPng {
  width: number;
  height: number;
  data: Buffer;
}
// pngjs ships no types; this is the one call the test needs.
const { PNG } = require('pngjs') as { PNG: { sync: { read(buf: Buffer): DecodedPng } } };

const PAGES = ['pages/index/index', 'pages/post/detail'];

function ok(params: Record<string, unknown>) {
  const r = getUnlimited(params, { pages: PAGES });
  if (!('png' in r)) throw new Error(`expected an image, got ${JSON.stringify(r)}`);
  return r;
}

/** Reads the module grid back out of the image by sampling each module's centre. */
function readModules(png: DecodedPng, moduleCount: number): boolean[] {
  const scale = png.width / (moduleCount + WXACODE_MARGIN * 2);
  const out: boolean[] = [];
  for (let row = 0; row < moduleCount; row++) {
    for (let col = 0; col < moduleCount; col++) {
      const y = Math.floor((row + WXACODE_MARGIN + 0.5) * scale);
      const x = Math.floor((col + WXACODE_MARGIN + 0.5) * scale);
      const o = (y * png.width + x) * 4;
      out.push(png.data[o] < 128 && png.data[o + 3] > 0);
    }
  }
  return out;
}

describe('wxacode.getUnlimited image', () => {
  it('the mini-program code decodes back to its scene and page', () => {
    const r = ok({ scene: 'id=42&from=o_1', page: 'pages/post/detail' });
    expect(r.png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(r.text).toBe('pages/post/detail?scene=id%3D42%26from%3Do_1');
    expect(decodeWxacodeText(r.text)).toEqual({ page: 'pages/post/detail', scene: 'id=42&from=o_1' });

    const image = PNG.sync.read(r.png);
    const qr = QRCode.create(r.text, { errorCorrectionLevel: 'M' });
    expect(readModules(image, qr.modules.size)).toEqual(Array.from(qr.modules.data, (m) => m === 1));
  });

  it('is pixel-identical to what qrcode.toBuffer renders for the same text', async () => {
    const r = ok({ scene: 'a1', page: 'pages/index/index', width: 500 });
    const reference = await QRCode.toBuffer(r.text, { type: 'png', width: 500, margin: WXACODE_MARGIN, errorCorrectionLevel: 'M' });
    const mine = PNG.sync.read(r.png);
    const theirs = PNG.sync.read(reference);
    expect([mine.width, mine.height]).toEqual([theirs.width, theirs.height]);
    expect(mine.data.equals(theirs.data)).toBe(true);
  });

  it('defaults to 430 px and keeps width within 280–1280 px', () => {
    const size = (params: Record<string, unknown>): number => PNG.sync.read(ok({ scene: 's', ...params }).png).width;
    expect(size({})).toBeGreaterThanOrEqual(429);
    expect(size({})).toBeLessThanOrEqual(430);
    expect(size({ width: 100 })).toBeGreaterThanOrEqual(279);
    expect(size({ width: 100 })).toBeLessThanOrEqual(280);
    expect(size({ width: 5000 })).toBeLessThanOrEqual(1280);
    expect(size({ width: 5000 })).toBeGreaterThanOrEqual(1279);
  });

  it('without a page the code opens the home page', () => {
    expect(decodeWxacodeText(ok({ scene: 'x' }).text)).toEqual({ page: 'pages/index/index', scene: 'x' });
    const noPageList = getUnlimited({ scene: 'x' });
    expect('text' in noPageList && decodeWxacodeText(noPageList.text)).toEqual({ page: '', scene: 'x' });
  });

  it('line_color and is_hyaline colour the code', () => {
    const image = PNG.sync.read(ok({ scene: 's', line_color: { r: 200, g: 10, b: 20 }, is_hyaline: true }).png);
    const pixels = new Set<string>();
    for (let o = 0; o < image.data.length; o += 4) pixels.add(image.data.subarray(o, o + 4).join(','));
    expect([...pixels].sort()).toEqual(['200,10,20,255', '255,255,255,0']);
  });

  it('renders any text for other emulator uses', () => {
    expect(renderQrPng('hello', { width: 300 }).subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(decodeWxacodeText('not ours')).toBeUndefined();
    expect(decodeWxacodeText(wxacodeText('p', "!#$&'()*+,/:;=?@-._~"))).toEqual({ page: 'p', scene: "!#$&'()*+,/:;=?@-._~" });
  });
});

describe('wxacode.getUnlimited argument rules', () => {
  const err = (params: Record<string, unknown>) => getUnlimited(params, { pages: PAGES });

  it('scene is required and at most 32 characters (40169)', () => {
    expect(err({})).toMatchObject({ errcode: 40169 });
    expect(err({ scene: '' })).toMatchObject({ errcode: 40169 });
    expect(err({ scene: 'a'.repeat(33) })).toMatchObject({ errcode: 40169, errmsg: expect.stringMatching(/32/) });
    expect(ok({ scene: 'a'.repeat(32) }).scene).toHaveLength(32);
  });

  it('scene characters outside the documented set are refused (40129, as WeChat answers)', () => {
    expect(err({ scene: '中文' })).toMatchObject({ errcode: 40129, errmsg: expect.stringMatching(/"中"/) });
    expect(err({ scene: 'a%20b' })).toMatchObject({ errcode: 40129 });
    expect(err({ scene: 'a b' })).toMatchObject({ errcode: 40129 });
    expect(ok({ scene: "!#$&'()*+,/:;=?@-._~" }).errcode).toBe(0);
    expect(ok({ scene: 12345 }).scene).toBe('12345');
  });

  it('page must not start with "/" nor carry a query (41030)', () => {
    expect(err({ scene: 's', page: '/pages/index/index' })).toMatchObject({ errcode: 41030, errmsg: expect.stringMatching(/"\/"/) });
    expect(err({ scene: 's', page: 'pages/index/index?id=1' })).toMatchObject({ errcode: 41030, errmsg: expect.stringMatching(/query/) });
  });

  it('check_path (default true) requires a page of the app; false lets any page through', () => {
    expect(err({ scene: 's', page: 'pages/new/page' })).toMatchObject({ errcode: 41030 });
    expect(ok({ scene: 's', page: 'pages/new/page', check_path: false }).page).toBe('pages/new/page');
  });

  it('env_version and width must be well-formed (40097)', () => {
    expect(err({ scene: 's', env_version: 'prod' })).toMatchObject({ errcode: 40097 });
    expect(ok({ scene: 's', env_version: 'develop' }).errcode).toBe(0);
    expect(err({ scene: 's', width: 'big' })).toMatchObject({ errcode: 40097 });
  });

  it('scancode_time is reserved (85096)', () => {
    expect(err({ scene: 'scancode_time=1' })).toMatchObject({ errcode: 85096 });
  });
});
