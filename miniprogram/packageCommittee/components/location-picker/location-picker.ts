/**
 * 地图位置 of the activity form (optional): a place chosen on the map, asked only after the privacy
 * agreement; its name fills 地点 when that is still empty. Clearing it drops the check-in radius too.
 * `change` hands the page the fields that changed, `problem` ({ message }) what went wrong.
 */
import { ensurePrivacyAgreed } from '../../../services/privacy/privacy';
import type { LocationValue } from '../../pages/activity-form/view';

Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    location: { type: Object, optionalTypes: [null], value: null as LocationValue | null },
    placeText: { type: String, value: '' },
  },

  methods: {
    async onChoose() {
      if (!(await ensurePrivacyAgreed())) {
        this.triggerEvent('problem', { message: '没有同意隐私保护指引，不能在地图上选位置；只填写地点也可以发布' });
        return;
      }
      wx.chooseLocation({
        success: (res) => {
          const name = res.name || res.address || '已选位置';
          const location: LocationValue = { longitude: res.longitude, latitude: res.latitude, name };
          this.triggerEvent('change', this.data.placeText.trim() ? { location } : { location, placeText: name.slice(0, 60) });
        },
        fail: (err) => {
          if (!/cancel/i.test(err.errMsg)) this.triggerEvent('problem', { message: '没能打开地图，只填写地点也可以发布' });
        },
      });
    },

    onClear() {
      this.triggerEvent('change', { location: null, checkinRadius: '' });
    },
  },
});
