/**
 * 召开会议 (committee, from the topic page's 召开会议, `?topicId=`): a 听证会 / 协调会 / 评议会 on the
 * topic, with its day, time, place and places. The function publishes it as an activity of the
 * community: residents of the topic's scope sign up from the topic page and sign in by QR code at
 * the door, and the minutes count those sign-ins. Back on the topic once it is called. Logic in ./view.
 */
import { NO_RETRY, submitOnce } from '../../../services/api/idempotency';
import { deskOf, topic } from '../../../services/council/council';
import { scheduleMeeting } from '../../../services/council/deliberation';
import { elderMode } from '../../../services/display/display';
import { loadEvents } from '../../../utils/page-events/page-events';
import { shanghaiDateTime } from '../../../utils/time';
import { MeetingDraft, checkMeeting, defaultDraft, kindsAt, shanghaiDay } from './view';

type Field = 'title' | 'place' | 'capacity' | 'day' | 'start' | 'end';

Page({
  ...loadEvents,
  data: {
    elder: false,
    loading: true,
    loadError: '',
    title: '',
    kinds: [] as { value: string; name: string }[],
    draft: null as MeetingDraft | null,
    firstDay: '',
    submitting: false,
    formError: '',
    called: '',
  },

  topicId: '',
  retry: NO_RETRY,

  onLoad(query: Record<string, string | undefined>) {
    this.topicId = (query && query.topicId) || '';
    this.retry = NO_RETRY;
    this.setData({ elder: elderMode() });
    void this.load();
  },

  async load() {
    const desk = await deskOf(this);
    if (!desk) return;
    const got = await topic(this.topicId);
    if (!got.ok) return this.setData({ loading: false, loadError: got.error.message });
    const t = got.data.topic;
    const kinds = kindsAt(t.stage);
    if (kinds.length === 0) return this.setData({ loading: false, loadError: '议题受理后才能召开议事会议' });
    const now = Date.now();
    this.setData({ loading: false, title: t.title, kinds, draft: defaultDraft(t.stage, now), firstDay: shanghaiDay(now, 0) });
  },

  onKind(e: WechatMiniprogram.BaseEvent<Record<string, never>, { value: string }>) {
    const kind = this.data.kinds.find((k) => k.value === e.currentTarget.dataset.value);
    if (kind) this.setData({ 'draft.kind': kind.value, formError: '' });
  },

  /** Inputs and pickers alike: `data-field` names the draft's field, the event carries its value. */
  onField(e: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field: Field }>) {
    this.setData({ [`draft.${e.currentTarget.dataset.field}`]: String(e.detail.value), formError: '' });
  },

  async onSubmit() {
    const draft = this.data.draft;
    if (this.data.submitting || !draft) return;
    const checked = checkMeeting(this.topicId, draft, Date.now());
    if (!checked.ok) return this.setData({ formError: checked.message });
    const sent = await submitOnce(this, JSON.stringify(checked.input), (key) => scheduleMeeting(checked.input, key));
    if (!sent) return;
    const m = sent.data;
    this.setData({ submitting: false, called: `已召开${m.kindName}：${shanghaiDateTime(m.startAt)}，${m.placeText}。居民可在议题页报名，到场扫码签到` });
  },

  onBack() {
    wx.navigateBack({ delta: 1 });
  },
});
