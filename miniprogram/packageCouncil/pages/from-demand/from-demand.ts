/**
 * 转为议题 (committee, from a 意见建议 demand's 转为议题, `?demandId=`): the resident's suggestion put
 * to one of the community's bodies as a topic, in the demand's words unless the committee rewords
 * them; its photos come along. The topic then collects supports like any other, and the demand's
 * timeline names it for its reporter. Anyone else reads that the page is the committee's. Logic in ./view.
 */
import { NO_RETRY, submitOnce } from '../../../services/api/idempotency';
import { allBodies, deskOf } from '../../../services/council/council';
import { topicFromDemand } from '../../../services/council/deliberation';
import { getDemand } from '../../../services/demand/demand';
import { elderMode } from '../../../services/display/display';
import { loadEvents } from '../../../utils/page-events/page-events';
import { cannotBecomeTopic, checkFromDemand, titleFrom } from './view';

Page({
  ...loadEvents,
  data: {
    elder: false,
    loading: true,
    loadError: '',
    demandText: '',
    bodies: [] as { id: string; name: string }[],
    bodyId: '',
    title: '',
    content: '',
    submitting: false,
    formError: '',
    topicId: '',
    outcome: '',
  },

  demandId: '',
  retry: NO_RETRY,

  onLoad(query: Record<string, string | undefined>) {
    this.demandId = (query && query.demandId) || '';
    this.retry = NO_RETRY;
    this.setData({ elder: elderMode() });
    void this.load();
  },

  async load() {
    const desk = await deskOf(this);
    if (!desk) return;
    const [demand, bodies] = await Promise.all([getDemand(this.demandId), allBodies(desk.communityId)]);
    if (!demand.ok) return this.setData({ loading: false, loadError: demand.error.message });
    if (!bodies.ok) return this.setData({ loading: false, loadError: bodies.error.message });
    const why = cannotBecomeTopic(demand.data);
    if (why) return this.setData({ loading: false, loadError: why });
    const text = demand.data.text || '';
    const list = bodies.data.map((b) => ({ id: b.id, name: b.name }));
    this.setData({ loading: false, demandText: text, bodies: list, bodyId: list.length === 1 ? list[0].id : '', title: titleFrom(text), content: text });
  },

  onBody(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
    this.setData({ bodyId: String(e.currentTarget.dataset.id || ''), formError: '' });
  },

  onTitle(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ title: e.detail.value, formError: '' });
  },

  onContent(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ content: e.detail.value, formError: '' });
  },

  async onSubmit() {
    if (this.data.submitting || this.data.topicId) return;
    const checked = checkFromDemand(this.data.bodyId, this.data.title, this.data.content);
    if (!checked.ok) return this.setData({ formError: checked.message });
    const input = { demandId: this.demandId, bodyId: this.data.bodyId, title: checked.title, content: checked.content };
    const sent = await submitOnce(this, JSON.stringify(input), (key) => topicFromDemand(input, key));
    if (!sent) return;
    this.setData({ submitting: false, topicId: sent.data.id, outcome: `已转为议题，提交${sent.data.bodyName}：邻居附议达到人数后进入审查；反映人在诉求里能看到` });
  },

  onView() {
    wx.redirectTo({ url: `/packageCouncil/pages/topic/topic?id=${encodeURIComponent(this.data.topicId)}` });
  },
});
