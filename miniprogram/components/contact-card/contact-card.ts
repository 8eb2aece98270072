/**
 * 联系我们 on 我的: my community's 居委会 and my grid's worker, each with the role's phone (never a
 * person's own number, see domain/units); a tap on a row calls it with wx.makePhoneCall.
 */
Component({
  properties: {
    /** Profile['contacts']: { role, name, phone }[]. */
    contacts: { type: Array, value: [] },
  },
  methods: {
    onCall(e: WechatMiniprogram.BaseEvent<Record<string, never>, { phone: string }>) {
      const phoneNumber = e.currentTarget.dataset.phone;
      if (phoneNumber) wx.makePhoneCall({ phoneNumber });
    },
  },
});
