/**
 * Pictures for a form: thumbnails (tap to view large), 删除 under each, and an add tile while fewer
 * than `max`. Adding asks the privacy agreement first, then the album or camera. The page owns the
 * list: `change` hands it the new one ({ images }), `problem` a sentence to show ({ message });
 * the page uploads them when the form is sent (services/storage imageUploader).
 */
import { ALBUM_FAILED, MAX_IMAGES, chooseImages } from '../../services/storage/storage';

Component({
  properties: {
    /** The chosen pictures' temporary paths, shown as they are. */
    images: { type: Array, value: [] as string[] },
    max: { type: Number, value: MAX_IMAGES },
    /** While the form is being sent: nothing added or removed. */
    disabled: { type: Boolean, value: false },
    addText: { type: String, value: '+ 添加照片' },
    /** Said when the privacy agreement is declined: what the user can do instead. */
    declinedText: { type: String, value: '' },
  },

  methods: {
    paths(): string[] {
      return this.data.images.map(String);
    },

    async onAdd() {
      const images = this.paths();
      const room = this.data.max - images.length;
      if (room <= 0 || this.data.disabled) return;
      const chosen = await chooseImages(room);
      if (chosen.ok) this.triggerEvent('change', { images: [...images, ...chosen.paths].slice(0, this.data.max) });
      else if (chosen.reason === 'declined') this.triggerEvent('problem', { message: this.data.declinedText });
      else if (chosen.reason === 'failed') this.triggerEvent('problem', { message: ALBUM_FAILED });
    },

    onRemove(e: WechatMiniprogram.BaseEvent<Record<string, never>, { index: number }>) {
      const index = Number(e.currentTarget.dataset.index);
      if (!this.data.disabled) this.triggerEvent('change', { images: this.paths().filter((_, i) => i !== index) });
    },

    onPreview(e: WechatMiniprogram.BaseEvent<Record<string, never>, { index: number }>) {
      const images = this.paths();
      wx.previewImage({ current: images[Number(e.currentTarget.dataset.index)] || images[0], urls: images });
    },
  },
});
