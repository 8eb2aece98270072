/**
 * 个人资料: real name, phone and birth year, the personal data some services need (a birth year
 * for services for residents aged 60+, a phone for activities that ask for one). They are stored
 * only with the privacy notice accepted, so when it has not been, the form asks for it with a
 * checkbox. This component checks the form; the page saves it (`submit`).
 */
import { checkedInfo } from './view';

Component({
  properties: {
    realName: { type: String, value: '' },
    phone: { type: String, value: '' },
    /** '' when not given. */
    birthYear: { type: String, value: '' },
    /** The privacy notice must be accepted with this save. */
    needsPrivacy: { type: Boolean, value: false },
    submitting: { type: Boolean, value: false },
    /** The server's answer to the last save, when it failed. */
    error: { type: String, value: '' },
  },

  data: { name: '', mobile: '', year: '', agreed: false, hint: '' },

  lifetimes: {
    attached() {
      this.setData({ name: this.data.realName, mobile: this.data.phone, year: this.data.birthYear });
    },
  },

  methods: {
    onNameInput(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ name: e.detail.value, hint: '' });
    },
    onPhoneInput(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ mobile: e.detail.value, hint: '' });
    },
    onYearInput(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ year: e.detail.value, hint: '' });
    },
    onAgreeChange(e: WechatMiniprogram.CustomEvent<{ value: string[] }>) {
      this.setData({ agreed: e.detail.value.length > 0, hint: '' });
    },
    onOpenContract() {
      if (typeof wx.openPrivacyContract === 'function') wx.openPrivacyContract({});
    },
    onCancel() {
      this.triggerEvent('cancel');
    },
    onSubmit() {
      if (this.data.submitting) return;
      const checked = checkedInfo({ realName: this.data.name, phone: this.data.mobile, birthYear: this.data.year }, new Date());
      if (!checked.ok) {
        this.setData({ hint: checked.hint });
        return;
      }
      if (this.data.needsPrivacy && !this.data.agreed) {
        this.setData({ hint: '请先阅读并同意隐私保护指引' });
        return;
      }
      this.triggerEvent('submit', { ...checked.info, acceptPrivacy: this.data.needsPrivacy });
    },
  },
});
