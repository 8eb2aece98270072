/**
 * QR drawing without a canvas: the module matrix utils/qr reads must be qrcode-generator's own;
 * the rectangles it draws, filled into a bitmap and read back module by module, must give that
 * matrix again with a clean quiet zone; and an independent encoder (the `qrcode` package, with the
 * same version, level and byte mode) must produce the same symbol for one of its eight masks, which
 * a scanner reads. (No QR decoder is installed; the independent encoder stands in for one.)
 */
import QRCode from 'qrcode';
import { QUIET_ZONE, QrDrawing, drawQr, qrDrawCommands, qrMatrix } from '../../miniprogram/utils/qr/qr';

const generator: any = require('qrcode-generator');
generator.stringToBytes = generator.stringToBytesFuncs['UTF-8'];

const TOKEN = 'k7Qx2_Lm9pZrT4vWb8NcYd1Ae5Hs3JgF'; // 32 characters, like activity.checkinCode
const CHINESE = '友邻圈 预约码：中医把脉 2026-11-03 09:00';

function generatorMatrix(text: string): boolean[][] {
  const qr = generator(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  const n = qr.getModuleCount();
  return Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => qr.isDark(r, c)));
}

/** Fills the drawing's rectangles into a size×size bitmap (true = dark), checking they stay inside. */
function rasterize(d: QrDrawing): boolean[][] {
  const bitmap = Array.from({ length: d.size }, () => new Array<boolean>(d.size).fill(false));
  for (const r of d.rects) {
    expect(r.x >= 0 && r.y >= 0 && r.x + r.w <= d.size && r.y + r.h <= d.size).toBe(true);
    for (let y = r.y; y < r.y + r.h; y += 1) for (let x = r.x; x < r.x + r.w; x += 1) bitmap[y][x] = true;
  }
  return bitmap;
}

/** Reads the bitmap back as modules: every pixel of a cell must agree; the quiet zone must be light. */
function readModules(bitmap: boolean[][], d: QrDrawing, n: number): boolean[][] {
  const offset = Math.floor((d.size - n * d.cell) / 2);
  expect(offset).toBeGreaterThanOrEqual(QUIET_ZONE * d.cell);
  const modules: boolean[][] = [];
  for (let row = 0; row < n; row += 1) {
    const line: boolean[] = [];
    for (let col = 0; col < n; col += 1) {
      const values = new Set<boolean>();
      for (let y = 0; y < d.cell; y += 1) for (let x = 0; x < d.cell; x += 1) values.add(bitmap[offset + row * d.cell + y][offset + col * d.cell + x]);
      expect(values.size).toBe(1);
      line.push([...values][0]);
    }
    modules.push(line);
  }
  const darkPixels = bitmap.reduce((sum, line) => sum + line.filter(Boolean).length, 0);
  const darkModules = modules.reduce((sum, line) => sum + line.filter(Boolean).length, 0);
  expect(darkPixels).toBe(darkModules * d.cell * d.cell); // nothing dark outside the symbol
  return modules;
}

test.each([TOKEN, CHINESE, 'https://example.invalid/a?activity=act123&shift=s1'])('the matrix for %j is qrcode-generator’s own', (text) => {
  const m = qrMatrix(text);
  expect(m.dark).toEqual(generatorMatrix(text));
  expect(m.size).toBe(m.dark.length);
});

test('a 32-character check-in token fits a small symbol at level M', () => {
  expect(qrMatrix(TOKEN).size).toBe(29); // version 3
});

test.each([
  [TOKEN, 200],
  [CHINESE, 300],
  [TOKEN, 37], // smaller than one pixel a module with the quiet zone: still whole pixels
])('drawing %j at %i px gives back the matrix, and an independent encoder agrees', (text, size) => {
  const m = qrMatrix(text);
  const drawing = qrDrawCommands(m, size);
  expect(Number.isInteger(drawing.cell)).toBe(true);
  const modules = readModules(rasterize(drawing), drawing, m.size);
  expect(modules).toEqual(m.dark);

  const version = (m.size - 17) / 4;
  const candidates = [0, 1, 2, 3, 4, 5, 6, 7].map((maskPattern) => {
    const other = QRCode.create([{ data: Buffer.from(text, 'utf8'), mode: 'byte' }], { errorCorrectionLevel: 'M', version, maskPattern: maskPattern as any });
    const n = other.modules.size;
    return Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => other.modules.data[r * n + c] === 1));
  });
  expect(candidates.some((candidate) => JSON.stringify(candidate) === JSON.stringify(modules))).toBe(true);
});

test('drawQr paints a white square, then one rectangle per run of dark modules', () => {
  const calls: string[] = [];
  const ctx = {
    fillStyle: '' as unknown,
    fillRect(x: number, y: number, w: number, h: number) {
      calls.push(`${String(this.fillStyle)} ${x},${y},${w},${h}`);
    },
  };
  const drawing = drawQr(ctx, TOKEN, 200);
  expect(calls[0]).toBe('#ffffff 0,0,200,200');
  expect(calls.slice(1)).toEqual(drawing.rects.map((r) => `#000000 ${r.x},${r.y},${r.w},${r.h}`));
});
