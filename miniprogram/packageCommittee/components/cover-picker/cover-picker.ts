/**
 * 封面 of the activity form (optional): a picture from the album or camera, asked after the privacy
 * agreement and stored at once, so 发布 sends only its fileID. A published cover may be changed but
 * not dropped (`locked`). Events: `uploading` ({ uploading }) while it is stored, `change`
 * ({ cover, preview }: the fileID and what shows it), `problem` ({ message }).
 */
import { ALBUM_FAILED, chooseImages, uploadImage } from '../../../services/storage/storage';

Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    /** The cover's fileID, '' for none. */
    cover: { type: String, value: '' },
    /** What shows it: the chosen picture's temporary path, or the stored cover's address. */
    preview: { type: String, value: '' },
    locked: { type: Boolean, value: false },
    disabled: { type: Boolean, value: false },
  },
  data: { uploading: false },

  methods: {
    async onChoose() {
      if (this.data.uploading || this.data.disabled) return;
      const chosen = await chooseImages(1);
      if (chosen.ok && chosen.paths.length > 0) void this.upload(chosen.paths[0]);
      else if (!chosen.ok && chosen.reason === 'declined') this.triggerEvent('problem', { message: '没有同意隐私保护指引，不能选择图片；不加封面也可以发布' });
      else if (!chosen.ok && chosen.reason === 'failed') this.triggerEvent('problem', { message: ALBUM_FAILED });
    },

    async upload(path: string) {
      this.busy(true);
      const stored = await uploadImage(path, 'covers');
      this.busy(false);
      if (stored.ok) this.triggerEvent('change', { cover: stored.data, preview: path });
      else this.triggerEvent('problem', { message: stored.error.message });
    },

    busy(uploading: boolean) {
      this.setData({ uploading });
      this.triggerEvent('uploading', { uploading });
    },

    onClear() {
      if (!this.data.locked) this.triggerEvent('change', { cover: '', preview: '' });
    },
  },
});
