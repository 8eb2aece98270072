/**
 * What the demand page stories share: a phone whose clock runs with the functions' (a deadline
 * passes on both at once), a real photo album, the consent dialog answered 允许, and the pages
 * opened the way a tap on a row or a link opens them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Emulator } from '../../emulator/app';
import { call } from '../helpers/app';
import { PageTest } from './page-test';
import { SimPage } from './simulate';

const realNow = Date.now.bind(Date);
let phoneAhead = 0;

/**
 * The functions' clock (emulator) and the phone's (Date.now in the pages) both at `at`, running on.
 * The host reads the jest process's Date when it sets its offset, so the phone's is moved after.
 */
export function liveAt(emulator: Emulator, at: Date): void {
  phoneAhead = 0;
  emulator.host.clock.set(at);
  phoneAhead = at.getTime() - realNow();
}

/** Call in beforeAll: pages read the moved time from here on; afterAll puts the real one back. */
export function phoneClockFollowsFunctions(): void {
  let spy: jest.SpyInstance | undefined;
  beforeAll(() => {
    spy = jest.spyOn(Date, 'now').mockImplementation(() => realNow() + phoneAhead);
  });
  afterAll(() => {
    spy?.mockRestore();
    phoneAhead = 0;
  });
}

/** The time the phone and the functions share now. */
export const sharedNow = () => new Date(realNow() + phoneAhead);

/** A real PNG of `size`×`size` pixels in one colour, written where the album keeps its files. */
function png(size: number, rgb: readonly [number, number, number]): Buffer {
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
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), ...Array.from({ length: size }, () => Buffer.from(rgb))]);
  const pixels = zlib.deflateSync(Buffer.concat(Array.from({ length: size }, () => row)));
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}

export function photoFiles(count: number): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'youlin-demand-album-'));
  return Array.from({ length: count }, (_, i) => {
    const file = path.join(dir, `tmp_demand_${i + 1}.png`);
    fs.writeFileSync(file, png(8, [40 * i, 120, 200]));
    return file;
  });
}

/** The album hands back these files, as wx.chooseMedia does. */
export function album(files: string[]) {
  return jest.fn((o: { count: number; success(res: object): void }) =>
    o.success({ type: 'image', tempFiles: files.slice(0, o.count).map((tempFilePath) => ({ tempFilePath, size: fs.statSync(tempFilePath).size, fileType: 'image' })) }),
  );
}

/** WeChat's 订阅消息 dialog, answered 允许 for every template asked. */
export function allowNotices() {
  return jest.fn((o: { tmplIds: string[]; success(res: Record<string, string>): void }) =>
    o.success({ errMsg: 'requestSubscribeMessage:ok', ...Object.fromEntries(o.tmplIds.map((t) => [t, 'accept'])) }),
  );
}

/** WeChat's editable dialog, answered with `content` and 确定. */
export const answerDialog = (content: string) => jest.fn((o: { success(res: { confirm: boolean; cancel: boolean; content: string }): void }) => o.success({ confirm: true, cancel: false, content }));

/** Where a tap went: the url of the last wx.navigateTo / redirectTo. */
export function navigation() {
  const urls: string[] = [];
  const go = jest.fn((o: { url: string }) => {
    urls.push(o.url);
  });
  return { urls, wx: { navigateTo: go, redirectTo: go } };
}

/** Opens a page at `url` ("/packageDemand/pages/demand/demand?id=…") as a tap there would. */
export function openUrl(phone: PageTest, url: string, openid: string, wx: Record<string, unknown> = {}): SimPage {
  const [route, search = ''] = url.replace(/^\//, '').split('?');
  const query = Object.fromEntries(new URLSearchParams(search));
  return phone.open(route, openid, { query, wx });
}

export const PEOPLE = {
  resident: 'demo-resident-1', // 1号楼, grid 1
  neighbour: 'demo-resident-5', // 1号楼 too
  gridWorker: 'demo-gridworker-1',
  committee: 'demo-committee',
  admin: 'demo-admin',
  visitor: 'demo-visitor-1',
} as const;

/**
 * Starts the functions the demand pages call before the first page opens, so no page waits on a
 * function's first start (seconds on a busy machine) within its settle time.
 */
export function warmFunctions(getEmulator: () => Emulator): void {
  beforeAll(async () => {
    const emulator = getEmulator();
    await Promise.all([call(emulator, PEOPLE.resident, 'user', 'me', {}), call(emulator, PEOPLE.resident, 'demand', 'categories', {}), call(emulator, PEOPLE.resident, 'community', 'tree', {})]);
  }, 60_000);
}
