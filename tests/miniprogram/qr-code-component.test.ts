/**
 * @jest-environment jsdom
 *
 * The qr-code component in miniprogram-simulate, which has no canvas: it renders a 2d canvas of the
 * given size, and paints utils/qr's rectangles on the canvas node it is given.
 */
import path from 'node:path';
import { qrDrawCommands, qrMatrix } from '../../miniprogram/utils/qr/qr';
import { MINIPROGRAM_ROOT, expectSetDataWithinBudget, simulate } from './simulate';

const TOKEN = 'k7Qx2_Lm9pZrT4vWb8NcYd1Ae5Hs3JgF';

afterEach(() => expectSetDataWithinBudget());

describe('the qr-code component', () => {
  function render(properties: Record<string, unknown>) {
    let id = '';
    // Evaluated afresh each time, as loadPage does, so Component() runs for every load.
    jest.isolateModules(() => {
      id = simulate.load(path.join(MINIPROGRAM_ROOT, 'components/qr-code/qr-code'), { compiler: 'simulate', rootPath: MINIPROGRAM_ROOT });
    });
    const comp = simulate.render(id, properties);
    comp.attach(document.createElement('parent-wrapper'));
    return comp;
  }

  function fakeCanvas() {
    const calls: number[][] = [];
    const scales: number[][] = [];
    const ctx = { fillStyle: '', scale: (x: number, y: number) => scales.push([x, y]), fillRect: (...r: number[]) => calls.push(r) };
    return { canvas: { width: 0, height: 0, getContext: () => ctx }, calls, scales };
  }

  test('renders a 2d canvas of the given size and paints the code at the screen’s pixel ratio', () => {
    const comp = render({ text: TOKEN, size: 180 });
    expect(comp.dom?.innerHTML).toContain('width: 180px; height: 180px;');

    const { canvas, calls, scales } = fakeCanvas();
    const drawing = comp.instance.paint(canvas, 3);
    expect([canvas.width, canvas.height]).toEqual([540, 540]);
    expect(scales).toEqual([[3, 3]]);
    expect(calls).toEqual([[0, 0, 180, 180], ...drawing.rects.map((r: any) => [r.x, r.y, r.w, r.h])]);
    expect(drawing).toEqual(qrDrawCommands(qrMatrix(TOKEN), 180));
  });

  test('says so instead of crashing when the text does not fit in a QR code', () => {
    const comp = render({ text: 'x', size: 100 });
    const errors: unknown[] = [];
    comp.instance.triggerEvent = (name: string, detail: unknown) => errors.push([name, detail]);
    comp.setData({ text: '字'.repeat(3000) });
    const { canvas } = fakeCanvas();
    expect(comp.instance.paint(canvas, 2)).toBeNull();
    expect(errors).toContainEqual(['error', { message: '内容过长，无法生成二维码' }]);
  });
});
