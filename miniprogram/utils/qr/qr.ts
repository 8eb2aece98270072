/**
 * QR codes for the mini-program: qrcode-generator (bundled as generated/qrcode.js) makes the module
 * matrix; `qrDrawCommands` turns it into the rectangles to fill (one per horizontal run of dark
 * modules, on whole pixels, with a 4-module quiet zone); `drawQr` paints them on a canvas 2d context.
 * The pure steps are what tests check, since no simulator has a canvas.
 */
// The generated CommonJS bundle, as the mini-program's own module system loads it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import qrcode = require('../../generated/qrcode');

/** Text is encoded as UTF-8 bytes (the library's default keeps only the low byte of each character). */
qrcode.stringToBytes = qrcode.stringToBytesFuncs['UTF-8'];

export type ErrorCorrection = 'L' | 'M' | 'Q' | 'H';

export interface QrMatrix {
  /** Modules per side. */
  size: number;
  /** dark[row][col] */
  dark: boolean[][];
}

export interface QrRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface QrDrawing {
  /** The square's side in pixels, as asked. */
  size: number;
  /** Pixels per module (a whole number, at least 1). */
  cell: number;
  /** Dark rectangles, in pixels from the square's top left. */
  rects: QrRect[];
}

/** The part of a canvas 2d context that drawing needs. */
export interface Context2d {
  fillStyle: unknown;
  fillRect(x: number, y: number, w: number, h: number): void;
}

export const QUIET_ZONE = 4;

/** The smallest QR version that holds `text` at level `ecl` (M by default: survives ~15 % damage). */
export function qrMatrix(text: string, ecl: ErrorCorrection = 'M'): QrMatrix {
  const qr = qrcode(0, ecl);
  qr.addData(text, 'Byte');
  qr.make();
  const size = qr.getModuleCount();
  const dark: boolean[][] = [];
  for (let row = 0; row < size; row += 1) {
    const line: boolean[] = [];
    for (let col = 0; col < size; col += 1) line.push(qr.isDark(row, col));
    dark.push(line);
  }
  return { size, dark };
}

/** Rectangles for `matrix` in a `size`-pixel square: whole-pixel cells, the code centred in it. */
export function qrDrawCommands(matrix: QrMatrix, size: number): QrDrawing {
  const modules = matrix.size + 2 * QUIET_ZONE;
  const cell = Math.max(1, Math.floor(size / modules));
  const offset = Math.floor((size - matrix.size * cell) / 2);
  const rects: QrRect[] = [];
  matrix.dark.forEach((line, row) => {
    for (let col = 0; col < line.length;) {
      if (!line[col]) {
        col += 1;
        continue;
      }
      const start = col;
      while (col < line.length && line[col]) col += 1;
      rects.push({ x: offset + start * cell, y: offset + row * cell, w: (col - start) * cell, h: cell });
    }
  });
  return { size, cell, rects };
}

/** Paints a white square with the QR code for `text` in it; returns what was drawn. */
export function drawQr(ctx: Context2d, text: string, size: number, ecl: ErrorCorrection = 'M'): QrDrawing {
  const drawing = qrDrawCommands(qrMatrix(text, ecl), size);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, size, size);
  ctx.fillStyle = '#000000';
  for (const r of drawing.rects) ctx.fillRect(r.x, r.y, r.w, r.h);
  return drawing;
}
