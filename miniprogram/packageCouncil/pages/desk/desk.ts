/**
 * 议事协商 · 居委会 (committee, from the workbench, `?stage=`): the topics waiting on the committee,
 * by stage: 待审查 (supports reached: accept, or decline with a public reason), 已受理 (发起表决),
 * 表决中 (纸质票录入, 结束表决); a tap opens the topic, where the moves are. 议事机构 leads to the
 * bodies, 群众评优 to the campaigns (发起, 计票), 三评 to the year's three ratings, 待审评论 to the comments the content check held. Anyone else reads that the page is the committee's.
 */
import { Topic, TopicStage, myCouncilDesk, topics } from '../../../services/council/council';
import { TopicRow, topicRow } from '../../../services/council/present';
import { elderMode } from '../../../services/display/display';
import { ListData, listData, loadFirst, loadMore } from '../../../utils/paged-list/paged-list';
import { loadEvents } from '../../../utils/page-events/page-events';

const QUEUES: { value: TopicStage; name: string }[] = [
  { value: 'screening', name: '待审查' },
  { value: 'accepted', name: '待表决' },
  { value: 'voting', name: '表决中' },
  { value: 'proposed', name: '征集附议中' },
];
const queueOf = (v: unknown): TopicStage => QUEUES.find((q) => q.value === v)?.value || 'screening';
const rows = (items: Topic[]): TopicRow[] => {
  const now = Date.now();
  return items.map((t) => topicRow(t, now));
};

Page({
  ...loadEvents,
  data: { ...listData<TopicRow>(), elder: false, queues: QUEUES, stage: 'screening' as TopicStage } as ListData<TopicRow> & { elder: boolean; queues: typeof QUEUES; stage: TopicStage },

  communityId: '',
  shown: false,

  onLoad(query: Record<string, string | undefined>) {
    this.setData({ elder: elderMode(), stage: queueOf(query && query.stage) });
    void this.load();
  },

  onShow() {
    loadEvents.onShow.call(this);
    if (this.shown && !this.data.loading) void this.load();
    this.shown = true;
  },

  load() {
    return loadFirst(
      this,
      async () => {
        if (!this.communityId) {
          const desk = await myCouncilDesk();
          if (!desk.ok) return desk;
          this.communityId = desk.data.communityId;
        }
        return topics(this.communityId, this.data.stage);
      },
      rows,
      { keepRows: true, toastOverRows: true },
    );
  },

  loadMore() {
    return loadMore(this, (cursor) => topics(this.communityId, this.data.stage, cursor), rows);
  },

  onReachBottom() {
    void this.loadMore();
  },

  onMore() {
    void this.loadMore();
  },

  onQueue(e: WechatMiniprogram.BaseEvent<Record<string, never>, { stage: string }>) {
    const stage = queueOf(e.currentTarget.dataset.stage);
    if (stage === this.data.stage) return;
    this.setData({ stage, rows: [] });
    void this.load();
  },

  onBodies() {
    wx.navigateTo({ url: '/packageCouncil/pages/bodies/bodies' });
  },

  onCampaign() {
    wx.navigateTo({ url: '/packageCouncil/pages/campaign/campaign' });
  },

  onComments() {
    wx.navigateTo({ url: '/packageCouncil/pages/comment-queue/comment-queue' });
  },

  onRatings() {
    wx.navigateTo({ url: '/packageCouncil/pages/ratings/ratings' });
  },
});
