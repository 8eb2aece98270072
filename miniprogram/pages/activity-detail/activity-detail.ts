/**
 * 活动详情 (from the list, `?id=`): what, when, where, seats and approval; my signup's state; the
 * signup form the activity asks for; cancelling; and on the day, 扫码签到 / 扫码签退 with the
 * organiser's code. Data comes from services/activity; display shapes from ./view.
 *
 * With shifts (班次), the resident picks one (its time and seats left) before 提交.
 *
 * Subscription messages: the submit tap first asks wx.requestSubscribeMessage for the outcomes of
 * a signup (通过 / 未通过 / 候补成功), one dialog for the three templates, then signs up.
 */
import { NO_RETRY, sendOnce } from '../../services/api/idempotency';
import { elderMode } from '../../services/display/display';
import { askConsent } from '../../services/notifications/notifications';
import { ActivityDetail, MySignup, ScanLocation, cancelSignup, getActivity, scan, signUp } from '../../services/activity/activity';
import { shanghaiDateTime } from '../../utils/time';
import { ActivityView, FormView, StateView, activityView, answersFrom, currentSignup, formView, isLive, stateView } from './view';
import { loadEvents } from '../../utils/page-events/page-events';
import { SCAN_FAILED, locate, scanQrCode } from '../../utils/device/device';

const NEEDS_PRIVACY = '这个活动需要核对你是否在现场：同意《友邻圈隐私保护指引》后才能使用位置。也可以请组织者在签到表上为你登记';
const NEEDS_LOCATION = '这个活动需要核对位置：请允许小程序使用你的位置后再扫码';

interface DetailData {
  elder: boolean;
  loading: boolean;
  loadError: string;
  activity: ActivityView | null;
  state: StateView | null;
  /** The form, when I may sign up (no live signup, signup open, activity published). */
  form: FormView | null;
  phone: string;
  /** The chosen shift, when the activity has shifts. */
  shiftId: string;
  companionsIndex: number;
  note: string;
  submitting: boolean;
  formError: string;
  busy: boolean;
  /** The outcome of the last submit, cancel or scan. */
  message: string;
  messageKind: 'ok' | 'error' | '';
}

const initialData: DetailData = {
  elder: false,
  loading: true,
  loadError: '',
  activity: null,
  state: null,
  form: null,
  phone: '',
  shiftId: '',
  companionsIndex: 0,
  note: '',
  submitting: false,
  formError: '',
  busy: false,
  message: '',
  messageKind: '',
};

Page({
  ...loadEvents,
  data: initialData,

  activityId: '',
  detail: null as ActivityDetail | null,
  /** The key of the last signup that got no answer, reused when the same answers are sent again. */
  retry: NO_RETRY,

  onLoad(query: Record<string, string | undefined>) {
    this.activityId = query.id || '';
    this.setData({ elder: elderMode() });
    void this.load();
  },

  async load() {
    if (!this.activityId) {
      this.setData({ loading: false, loadError: '没有找到这个活动' });
      return;
    }
    const refreshing = this.detail !== null;
    this.setData({ loading: !refreshing, loadError: '' });
    const got = await getActivity(this.activityId);
    if (!got.ok) {
      if (refreshing) wx.showToast({ title: got.error.message, icon: 'none' });
      else this.setData({ loading: false, loadError: got.error.message });
      return;
    }
    this.show(got.data);
  },

  show(detail: ActivityDetail) {
    this.detail = detail;
    const a = detail.activity;
    const now = Date.now();
    const mine = currentSignup(detail.mySignups);
    const open = a.status === 'published' && now >= Date.parse(a.signupOpensAt) && now < Date.parse(a.signupClosesAt);
    this.setData({
      loading: false,
      activity: activityView(a),
      state: stateView(mine, a, now),
      form: open && !isLive(mine) ? formView(a) : null,
    });
  },

  /** My signup changed (signed up, cancelled, scanned): show it without asking again. */
  showSignup(s: MySignup) {
    if (!this.detail) return;
    const others = this.detail.mySignups.filter((x) => x.id !== s.id);
    this.show({ ...this.detail, mySignups: [...others, s] });
  },

  say(message: string, kind: 'ok' | 'error') {
    this.setData({ message, messageKind: kind });
  },

  /** 致电: the 居委会's duty phone, never a person's own number. */
  onCallOrganiser() {
    const phoneNumber = this.data.activity?.phone;
    if (phoneNumber) wx.makePhoneCall({ phoneNumber });
  },

  onChooseShift(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
    const id = e.currentTarget.dataset.id;
    const form = this.data.form;
    if (!form || !form.shifts.some((s) => s.id === id)) return;
    this.setData({ shiftId: id, formError: '' });
  },

  onPhoneInput(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ phone: e.detail.value, formError: '' });
  },

  onCompanionsChange(e: WechatMiniprogram.CustomEvent<{ value: string | number }>) {
    this.setData({ companionsIndex: Number(e.detail.value) || 0, formError: '' });
  },

  onNoteInput(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ note: e.detail.value, formError: '' });
  },

  async onSubmit() {
    const form = this.data.form;
    if (this.data.submitting || !form) return;
    const shiftId = form.shifts.length > 0 ? this.data.shiftId : '';
    if (form.shifts.length > 0 && !form.shifts.some((s) => s.id === shiftId)) {
      this.setData({ formError: '请先选择一个班次' });
      return;
    }
    const checked = answersFrom(form, { phone: this.data.phone, companions: this.data.companionsIndex, note: this.data.note });
    if (!checked.ok) {
      this.setData({ formError: checked.hint });
      return;
    }
    // Before any await: WeChat shows the dialog only within the tap. A refusal is no obstacle to signing up.
    const consent = askConsent(['signupApproved', 'signupRejected', 'promoted']);
    const request = `${this.activityId}/${shiftId}/${JSON.stringify(checked.answers)}`;
    // Same answers after a lost answer: same key, so the server signs me up once.
    this.setData({ submitting: true, formError: '', message: '', messageKind: '' });
    await consent;
    const { sent, memo } = await sendOnce(this.retry, request, (key) => signUp(this.activityId, checked.answers, key, shiftId || undefined));
    this.retry = memo;
    if (!sent.ok) {
      this.setData({ submitting: false, formError: sent.error.message });
      return;
    }
    this.setData({ submitting: false });
    this.showSignup(sent.data);
    const state = this.data.state;
    this.say(state ? `报名已提交：${state.text}` : '报名已提交', 'ok');
  },

  onCancel() {
    const state = this.data.state;
    if (this.data.busy || !state || !state.cancellable) return;
    wx.showModal({
      title: '取消报名',
      content: '确定取消这次报名吗？',
      confirmText: '取消报名',
      cancelText: '再想想',
      success: (res) => {
        if (res.confirm) void this.cancel(state.signupId);
      },
    });
  },

  async cancel(signupId: string) {
    this.setData({ busy: true, message: '', messageKind: '' });
    const done = await cancelSignup(signupId);
    this.setData({ busy: false });
    if (!done.ok) {
      this.say(done.error.message, 'error');
      return;
    }
    this.showSignup(done.data);
    this.say('已取消报名', 'ok');
  },

  onCheckin() {
    void this.startScan('checkin');
  },

  onCheckout() {
    void this.startScan('checkout');
  },

  /** Where I am, when the activity checks it (a place on the map and a radius); otherwise nothing is asked. */
  async startScan(kind: 'checkin' | 'checkout') {
    const a = this.detail ? this.detail.activity : null;
    if (this.data.busy || !a) return;
    let location: ScanLocation;
    if (a.place.location && a.checkinRadiusMetres !== null) {
      const here = await locate();
      if (!here.ok) {
        this.say(here.reason === 'declined' ? NEEDS_PRIVACY : NEEDS_LOCATION, 'error');
        return;
      }
      location = here.point;
    }
    const scanned = await scanQrCode();
    if (scanned.ok) await this.sendScan(kind, scanned.text, location);
    else if (!scanned.cancelled) this.say(SCAN_FAILED, 'error');
  },

  async sendScan(kind: 'checkin' | 'checkout', token: string, location?: ScanLocation) {
    if (token.length < 10 || token.length > 200) {
      this.say('这不是签到二维码，请扫描组织者手机上的签到二维码', 'error');
      return;
    }
    this.setData({ busy: true, message: '', messageKind: '' });
    const done = await scan(kind, this.activityId, token, location);
    this.setData({ busy: false });
    if (!done.ok) {
      this.say(done.error.message, 'error');
      return;
    }
    this.showSignup(done.data);
    const s = done.data;
    if (kind === 'checkin') this.say(`已签到 ${shanghaiDateTime(s.checkinAt || '')}`, 'ok');
    else this.say(`已签退 ${shanghaiDateTime(s.checkoutAt || '')}${s.hours !== null ? `，计 ${s.hours} 小时志愿时长` : ''}`, 'ok');
  },
});
