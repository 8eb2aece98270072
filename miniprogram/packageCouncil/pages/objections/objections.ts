/**
 * 异议答复 (committee, from a campaign's 查看并答复异议, `?id=`): the objections residents raised
 * while the result was posted (reasons and days, no names), and once the days of objections are
 * over, one public answer that makes the result final. Anyone else reads that the page is the
 * committee's. Logic in ./view.
 */
import { NO_RETRY, submitOnce } from '../../../services/api/idempotency';
import { answerObjections, campaign, objections } from '../../../services/council/campaigns';
import { deskOf } from '../../../services/council/council';
import { elderMode } from '../../../services/display/display';
import { loadEvents } from '../../../utils/page-events/page-events';
import { ObjectionsView, checkAnswer, objectionsView } from './view';

Page({
  ...loadEvents,
  data: {
    elder: false,
    loading: true,
    loadError: '',
    view: null as ObjectionsView | null,
    text: '',
    submitting: false,
    formError: '',
    done: '',
  },

  campaignId: '',
  retry: NO_RETRY,

  onLoad(query: Record<string, string | undefined>) {
    this.campaignId = (query && query.id) || '';
    this.retry = NO_RETRY;
    this.setData({ elder: elderMode() });
    void this.load();
  },

  async load() {
    const desk = await deskOf(this);
    if (!desk) return;
    const [got, list] = await Promise.all([campaign(this.campaignId), objections(this.campaignId)]);
    if (!got.ok) return this.setData({ loading: false, loadError: got.error.message });
    if (!list.ok) return this.setData({ loading: false, loadError: list.error.message });
    this.setData({ loading: false, view: objectionsView(got.data.campaign, list.data.items, Date.now()) });
  },

  onText(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ text: e.detail.value, formError: '' });
  },

  async onSubmit() {
    if (this.data.submitting || this.data.done) return;
    const checked = checkAnswer(this.data.text);
    if (!checked.ok) return this.setData({ formError: checked.message });
    const id = this.campaignId;
    const sent = await submitOnce(this, `${id}/${checked.answer}`, (key) => answerObjections(id, checked.answer, key));
    if (!sent) return;
    this.setData({ submitting: false, done: '已答复，评优结果生效', 'view.answered': `已答复：${checked.answer}` });
  },
});
