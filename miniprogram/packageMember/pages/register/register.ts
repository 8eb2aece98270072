/**
 * 党员报到 (from 我的): an in-service party member living here gives their work unit, its party
 * branch, a contact there, their skills and the times they can serve. Then the page shows where the
 * registration stands: 待审核 (and by when), 已通过 with team and post (and the way to the hall), or
 * 未通过 with the committee's reason and 重新报到 with the form as it was sent. Logic in ./view and
 * services/member.
 */
import { NO_RETRY, sendOnce } from '../../../services/api/idempotency';
import { elderMode } from '../../../services/display/display';
import { Registration, myRegistration, register } from '../../../services/member/member';
import { RegistrationView, registrationView } from '../../../services/member/present';
import { getMe } from '../../../services/user/user';
import { loadEvents } from '../../../utils/page-events/page-events';
import { Draft, EMPTY_DRAFT, SERVE_TIMES, checkDraft, draftOf, toggled } from './view';

export const NOT_BOUND = '请先在“我的”绑定所住楼组，再向社区报到';

type Field = 'workUnit' | 'branch' | 'contactName' | 'contactPhone' | 'skills';

Page({
  ...loadEvents,
  data: {
    elder: false,
    loading: true,
    loadError: '',
    status: registrationView(null) as RegistrationView,
    showForm: false,
    draft: { ...EMPTY_DRAFT } as Draft,
    times: SERVE_TIMES.map((name) => ({ name, on: false })),
    otherTime: '',
    submitting: false,
    formError: '',
    outcome: '',
  },

  registration: null as Registration | null,
  retry: NO_RETRY,

  onLoad() {
    this.retry = NO_RETRY;
    this.setData({ elder: elderMode() });
    void this.load();
  },

  async load() {
    this.setData({ loading: true, loadError: '' });
    const me = await getMe();
    if (!me.ok) return this.setData({ loading: false, loadError: me.error.message });
    if (!me.data.building) return this.setData({ loading: false, loadError: NOT_BOUND });
    const got = await myRegistration();
    if (!got.ok) return this.setData({ loading: false, loadError: got.error.message });
    this.show(got.data);
  },

  show(r: Registration | null) {
    this.registration = r;
    this.setData({ loading: false, status: registrationView(r), showForm: r === null });
  },

  onField(e: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field: Field }>) {
    const field = e.currentTarget.dataset.field;
    this.setData({ [`draft.${field}`]: e.detail.value, formError: '' });
  },

  onTime(e: WechatMiniprogram.BaseEvent<Record<string, never>, { name: string }>) {
    const serveTimes = toggled(this.data.draft.serveTimes, String(e.currentTarget.dataset.name || ''));
    this.setTimes(serveTimes);
  },

  onOtherTime(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ otherTime: e.detail.value });
  },

  /** A time of their own beside the usual ones. */
  onAddTime() {
    const time = this.data.otherTime.trim();
    if (!time || this.data.draft.serveTimes.includes(time)) return;
    this.setTimes([...this.data.draft.serveTimes, time]);
    this.setData({ otherTime: '' });
  },

  setTimes(serveTimes: string[]) {
    const usual = SERVE_TIMES.map((name) => ({ name, on: serveTimes.includes(name) }));
    const own = serveTimes.filter((t) => !SERVE_TIMES.includes(t)).map((name) => ({ name, on: true }));
    this.setData({ 'draft.serveTimes': serveTimes, times: [...usual, ...own], formError: '' });
  },

  /** 重新报到: the form as it was sent, to correct what the committee said. */
  onReapply() {
    const draft = this.registration ? draftOf(this.registration) : { ...EMPTY_DRAFT };
    this.setData({ showForm: true, draft, outcome: '' });
    this.setTimes(draft.serveTimes);
  },

  async onSubmit() {
    if (this.data.submitting) return;
    const checked = checkDraft(this.data.draft);
    if (!checked.ok) return this.setData({ formError: checked.message });
    this.setData({ submitting: true, formError: '' });
    const { sent, memo } = await sendOnce(this.retry, JSON.stringify(checked.input), (key) => register(checked.input, key));
    this.retry = memo;
    // Refused or lost: the form stays as it was, with the reason.
    if (!sent.ok) return this.setData({ submitting: false, formError: sent.error.message });
    this.setData({ submitting: false, outcome: '已提交报到，等待居委会审核' });
    this.show(sent.data);
  },

  onHall() {
    wx.navigateTo({ url: '/packageMember/pages/hall/hall' });
  },

  onRecord() {
    wx.navigateTo({ url: '/packageMember/pages/record/record' });
  },
});
