/**
 * Fake of `wxacode.getUnlimited`.
 *
 * The real API returns a round "sun code" only WeChat can scan. The emulator returns
 * an ordinary QR code in a PNG instead, so tests and tools can read it back.
 *
 * Encoding (what the QR code holds): `<page>?scene=<encodeURIComponent(scene)>`,
 * where `<page>` is the requested page, or the app's first page when none was
 * given (WeChat opens the home page), or '' when the page list is unknown. Page
 * cannot contain '?', so the first '?' splits the text. The scene is URI-encoded
 * because that is how the mini-program receives it: `decodeURIComponent(query.scene)`
 * in onLoad. `decodeWxacodeText` reverses it.
 *
 * Rules (WeChat getUnlimitedQRCode docs): scene ≤32 visible chars from
 * [0-9A-Za-z!#$&'()*+,/:;=?@-._~]; page without leading '/' and without query
 * (41030 "invalid page"); check_path (default true) requires a page of the app;
 * env_version release|trial|develop (40097 "invalid args" otherwise); width
 * 280–1280 px, default 430.
 */
import { deflateSync } from 'node:zlib';
import QRCode from 'qrcode';

export interface GetUnlimitedParams {
  scene?: unknown;
  page?: unknown;
  width?: unknown;
  check_path?: unknown;
  env_version?: unknown;
  auto_color?: unknown;
  line_color?: unknown;
  is_hyaline?: unknown;
}

export interface WxacodeOptions {
  /** app.json `pages`; the first one is the home page. */
  pages?: readonly string[];
}

export type WxacodeResult = { errcode: 0; png: Buffer; text: string; width: number; page: string; scene: string } | { errcode: number; errmsg: string };

export const WXACODE_MIN_WIDTH = 280;
export const WXACODE_MAX_WIDTH = 1280;
export const WXACODE_DEFAULT_WIDTH = 430;
/** Quiet zone in modules, qrcode's default, kept so `qrcode.toBuffer` renders identically. */
export const WXACODE_MARGIN = 4;

const SCENE_CHARS = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]*$/;
const ENV_VERSIONS = ['release', 'trial', 'develop'];

export function wxacodeText(page: string, scene: string): string {
  return `${page}?scene=${encodeURIComponent(scene)}`;
}

/** Reads back what `wxacodeText` wrote; undefined for text the emulator did not make. */
export function decodeWxacodeText(text: string): { page: string; scene: string } | undefined {
  const q = text.indexOf('?');
  if (q < 0 || !text.startsWith('scene=', q + 1)) return undefined;
  try {
    return { page: text.slice(0, q), scene: decodeURIComponent(text.slice(q + 7)) };
  } catch {
    return undefined;
  }
}

interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

function lineColor(params: GetUnlimitedParams): Rgba {
  const black = { r: 0, g: 0, b: 0, a: 255 };
  if (params.auto_color === true) return black; // the emulator has no logo colour to pick
  const c = params.line_color;
  if (typeof c !== 'object' || c === null) return black;
  const channel = (v: unknown): number => Math.max(0, Math.min(255, Math.round(Number(v)) || 0));
  const { r, g, b } = c as Record<string, unknown>;
  return { r: channel(r), g: channel(g), b: channel(b), a: 255 };
}

export function getUnlimited(params: GetUnlimitedParams, options: WxacodeOptions = {}): WxacodeResult {
  const rawScene = params.scene;
  const scene = typeof rawScene === 'number' ? String(rawScene) : rawScene;
  if (typeof scene !== 'string' || scene.length === 0 || scene.length > 32) {
    return { errcode: 40169, errmsg: `invalid length for scene: scene is required and at most 32 characters (got ${typeof scene === 'string' ? scene.length : 'none'})` };
  }
  if (!SCENE_CHARS.test(scene)) {
    // WeChat answers 40129 "invalid scene" for characters outside the set.
    const bad = [...scene].find((ch) => !SCENE_CHARS.test(ch));
    return { errcode: 40129, errmsg: `invalid scene: character ${JSON.stringify(bad)} is not allowed; use 0-9 A-Z a-z and !#$&'()*+,/:;=?@-._~ (no %, so encode Chinese another way)` };
  }
  if (scene.includes('scancode_time')) {
    return { errcode: 85096, errmsg: 'not allow include scancode_time field: scancode_time is reserved by the system' };
  }

  const page = params.page ?? '';
  if (typeof page !== 'string') return { errcode: 41030, errmsg: 'invalid page: page must be a string' };
  if (page.startsWith('/')) return { errcode: 41030, errmsg: `invalid page: "${page}" must not start with "/" (write pages/index/index)` };
  if (page.includes('?')) return { errcode: 41030, errmsg: `invalid page: "${page}" must not carry a query; put parameters in scene` };
  const checkPath = params.check_path ?? true;
  if (checkPath !== false && page !== '' && options.pages && !options.pages.includes(page)) {
    return { errcode: 41030, errmsg: `invalid page: "${page}" is not a page of the released mini-program (set check_path:false to allow it)` };
  }

  const envVersion = params.env_version ?? 'release';
  if (typeof envVersion !== 'string' || !ENV_VERSIONS.includes(envVersion)) {
    return { errcode: 40097, errmsg: `invalid args: env_version must be one of ${ENV_VERSIONS.join(', ')}` };
  }
  const rawWidth = params.width ?? WXACODE_DEFAULT_WIDTH;
  if (typeof rawWidth !== 'number' || !Number.isFinite(rawWidth)) {
    return { errcode: 40097, errmsg: 'invalid args: width must be a number of pixels' };
  }
  // WeChat does not refuse other widths; it keeps the image within its documented bounds.
  const width = Math.max(WXACODE_MIN_WIDTH, Math.min(WXACODE_MAX_WIDTH, Math.round(rawWidth)));

  const target = page || options.pages?.[0] || '';
  const text = wxacodeText(target, scene);
  const transparent = params.is_hyaline === true;
  const png = renderQrPng(text, {
    width,
    dark: lineColor(params),
    light: transparent ? { r: 255, g: 255, b: 255, a: 0 } : { r: 255, g: 255, b: 255, a: 255 },
  });
  return { errcode: 0, png, text, width, page: target, scene };
}

/**
 * Renders `text` as an RGBA PNG synchronously. qrcode's own `toBuffer` is async
 * (pngjs packs on a stream), which would force the whole open-API path to be
 * async, so the modules come from `QRCode.create` and are laid out with the same
 * arithmetic as qrcode's renderer (`lib/renderer/utils.js`), pixel for pixel.
 */
export function renderQrPng(text: string, opts: { width: number; dark?: Rgba; light?: Rgba; margin?: number }): Buffer {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const margin = opts.margin ?? WXACODE_MARGIN;
  const dark = opts.dark ?? { r: 0, g: 0, b: 0, a: 255 };
  const light = opts.light ?? { r: 255, g: 255, b: 255, a: 255 };
  const scale = opts.width >= size + margin * 2 ? opts.width / (size + margin * 2) : 4;
  const px = Math.floor((size + margin * 2) * scale);
  const scaledMargin = margin * scale;

  const stride = px * 4 + 1; // one filter byte (0 = none) per scanline
  const raw = Buffer.alloc(stride * px);
  for (let i = 0; i < px; i++) {
    for (let j = 0; j < px; j++) {
      let c = light;
      if (i >= scaledMargin && j >= scaledMargin && i < px - scaledMargin && j < px - scaledMargin) {
        const iSrc = Math.floor((i - scaledMargin) / scale);
        const jSrc = Math.floor((j - scaledMargin) / scale);
        if (qr.modules.data[iSrc * size + jSrc]) c = dark;
      }
      const o = i * stride + 1 + j * 4;
      raw[o] = c.r;
      raw[o + 1] = c.g;
      raw[o + 2] = c.b;
      raw[o + 3] = c.a;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(px, 0);
  ihdr.writeUInt32BE(px, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, deflate, adaptive filtering, no interlace
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

// Own CRC-32 because zlib.crc32 only exists from Node 20.15 and the engine floor is 20.
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
