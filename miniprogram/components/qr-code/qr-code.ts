/**
 * A QR code for `text`, `size` CSS pixels square, drawn on a canvas 2d at the screen's pixel ratio
 * (utils/qr). Redrawn whenever text or size change; emits `error` when the canvas cannot be found
 * or the text does not fit in a QR code.
 */
import { drawQr } from '../../utils/qr/qr';

interface Canvas2d {
  width: number;
  height: number;
  getContext(kind: '2d'): { scale(x: number, y: number): void; fillStyle: unknown; fillRect(x: number, y: number, w: number, h: number): void };
}

function pixelRatio(): number {
  try {
    return wx.getWindowInfo().pixelRatio || 2;
  } catch {
    return 2;
  }
}

Component({
  properties: {
    text: { type: String, value: '' },
    size: { type: Number, value: 200 },
    /** What a screen reader says. */
    label: { type: String, value: '二维码' },
  },

  observers: {
    'text, size'() {
      this.draw();
    },
  },

  lifetimes: {
    ready() {
      this.draw();
    },
  },

  methods: {
    draw() {
      if (!this.data.text) return;
      this.createSelectorQuery()
        .select('#qr')
        .fields({ node: true, size: true })
        .exec((res: Array<{ node?: Canvas2d } | null>) => {
          const found = res && res[0];
          if (!found || !found.node) {
            this.triggerEvent('error', { message: '二维码画布不可用' });
            return;
          }
          this.paint(found.node, pixelRatio());
        });
    },

    /** Draws on `canvas` (separate from the query, so it can be driven without a real canvas). */
    paint(canvas: Canvas2d, ratio: number) {
      const size = this.data.size;
      canvas.width = Math.round(size * ratio);
      canvas.height = Math.round(size * ratio);
      const ctx = canvas.getContext('2d');
      ctx.scale(ratio, ratio);
      try {
        return drawQr(ctx, this.data.text, size);
      } catch (error) {
        // qrcode-generator throws when the text is too long for any QR version.
        this.triggerEvent('error', { message: '内容过长，无法生成二维码' });
        return null;
      }
    },
  },
});
