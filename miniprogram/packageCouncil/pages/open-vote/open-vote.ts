/**
 * 发起表决 (committee, from an accepted topic, `?topicId=`): what is put to the vote, the options,
 * how many may be chosen, one vote per household or per person, and the window (3–7 days, the
 * closing time shown). Whoever is bound in the scope now is on the roll; someone bound later is not.
 * Back on the topic page once it is open. Logic in ./view.
 */
import { NO_RETRY, submitOnce } from '../../../services/api/idempotency';
import { deskOf, openVote, topic } from '../../../services/council/council';
import { elderMode } from '../../../services/display/display';
import { loadEvents } from '../../../utils/page-events/page-events';
import { shanghaiDateTime } from '../../../utils/time';
import { DAY_CHOICES, UNIT_CHOICES, VoteDraft, checkVote, closingText, defaultDraft } from './view';

Page({
  ...loadEvents,
  data: {
    elder: false,
    loading: true,
    loadError: '',
    title: '',
    draft: defaultDraft('') as VoteDraft,
    dayChoices: DAY_CHOICES,
    unitChoices: UNIT_CHOICES,
    closes: '',
    submitting: false,
    formError: '',
    opened: '',
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
    const draft = defaultDraft(got.data.topic.title);
    this.setData({ loading: false, title: got.data.topic.title, draft, closes: closingText(Date.now(), draft.days) });
  },

  onQuestion(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ 'draft.question': e.detail.value, formError: '' });
  },

  onOption(e: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { index: number }>) {
    this.setData({ [`draft.options[${Number(e.currentTarget.dataset.index)}]`]: e.detail.value, formError: '' });
  },

  onAddOption() {
    if (this.data.draft.options.length < 10) this.setData({ 'draft.options': [...this.data.draft.options, ''] });
  },

  onRemoveOption(e: WechatMiniprogram.BaseEvent<Record<string, never>, { index: number }>) {
    const i = Number(e.currentTarget.dataset.index);
    const options = this.data.draft.options.filter((_, k) => k !== i);
    this.setData({ 'draft.options': options, 'draft.maxChoices': Math.min(this.data.draft.maxChoices, Math.max(1, options.length)) });
  },

  onMaxChoices(e: WechatMiniprogram.BaseEvent<Record<string, never>, { step: number }>) {
    const next = this.data.draft.maxChoices + Number(e.currentTarget.dataset.step);
    if (next >= 1 && next <= this.data.draft.options.length) this.setData({ 'draft.maxChoices': next });
  },

  onUnit(e: WechatMiniprogram.BaseEvent<Record<string, never>, { value: string }>) {
    this.setData({ 'draft.unit': e.currentTarget.dataset.value === 'person' ? 'person' : 'household' });
  },

  onDays(e: WechatMiniprogram.BaseEvent<Record<string, never>, { days: number }>) {
    const days = Number(e.currentTarget.dataset.days);
    this.setData({ 'draft.days': days, closes: closingText(Date.now(), days) });
  },

  async onSubmit() {
    if (this.data.submitting) return;
    const checked = checkVote(this.topicId, this.data.draft);
    if (!checked.ok) return this.setData({ formError: checked.message });
    const sent = await submitOnce(this, JSON.stringify(checked.input), (key) => openVote(checked.input, key));
    if (!sent) return;
    this.setData({ submitting: false, opened: `表决已发起：名册上 ${sent.data.eligibleHouseholds} 户，${shanghaiDateTime(sent.data.closesAt)} 截止` });
  },

  onBack() {
    wx.navigateBack({ delta: 1 });
  },
});
