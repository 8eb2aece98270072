/**
 * 议事厅 (from 我的 → 议事协商, `?stage=` `?bodyId=`): every topic of my community, newest first, by
 * stage (征集附议中 with the bar towards the threshold and the days left, 待审查, 已受理, 未受理 with
 * the public reason, 表决中, 已决定) and by body; a tap opens the topic, 提议题 proposes one.
 * Logic in services/council/present.
 */
import { Body, Topic, TopicStage, allBodies, topics } from '../../../services/council/council';
import { STAGE_TABS, TopicRow, stageOf, topicRow } from '../../../services/council/present';
import { elderMode } from '../../../services/display/display';
import { getMe } from '../../../services/user/user';
import { ListData, listData, loadFirst, loadMore } from '../../../utils/paged-list/paged-list';
import { loadEvents } from '../../../utils/page-events/page-events';

const NOT_IN_COMMUNITY = { ok: false as const, error: { code: 'FAILED_PRECONDITION' as const, message: '绑定楼组后就能看到本居民区的议事厅' } };

interface BodyChip {
  id: string;
  name: string;
}

Page({
  ...loadEvents,
  data: {
    ...listData<TopicRow>(),
    elder: false,
    tabs: STAGE_TABS,
    stage: '' as '' | TopicStage,
    bodies: [] as BodyChip[],
    bodyId: '',
    canPropose: false,
  } as ListData<TopicRow> & { elder: boolean; tabs: typeof STAGE_TABS; stage: '' | TopicStage; bodies: BodyChip[]; bodyId: string; canPropose: boolean },

  communityId: '',
  shown: false,

  onLoad(query: Record<string, string | undefined>) {
    this.setData({ elder: elderMode(), stage: stageOf(query && query.stage), bodyId: (query && query.bodyId) || '' });
    void this.load();
  },

  onShow() {
    loadEvents.onShow.call(this);
    // Back from a topic (a support, a vote) or from proposing: read the list again.
    if (this.shown && !this.data.loading) void this.load();
    this.shown = true;
  },

  /** My community, and its bodies for the filter (once). */
  async community(): Promise<string> {
    if (this.communityId) return this.communityId;
    const me = await getMe();
    if (!me.ok || !me.data.community) return '';
    this.communityId = me.data.community.id;
    this.setData({ canPropose: Boolean(me.data.building) || me.data.roles.length > 0 });
    const got = await allBodies(this.communityId);
    if (got.ok) this.setData({ bodies: got.data.map((b: Body) => ({ id: b.id, name: b.name })) });
    return this.communityId;
  },

  /** The function lists by stage and by body: a page of a body's topics is a full page. */
  rows(items: Topic[]): TopicRow[] {
    const now = Date.now();
    return items.map((t) => topicRow(t, now));
  },

  load() {
    return loadFirst(
      this,
      async () => {
        const communityId = await this.community();
        return communityId ? topics(communityId, this.data.stage || undefined, undefined, this.data.bodyId || undefined) : NOT_IN_COMMUNITY;
      },
      (items) => this.rows(items),
      { keepRows: true, toastOverRows: true },
    );
  },

  loadMore() {
    return loadMore(
      this,
      (cursor) => topics(this.communityId, this.data.stage || undefined, cursor, this.data.bodyId || undefined),
      (items) => this.rows(items),
    );
  },

  onReachBottom() {
    void this.loadMore();
  },

  onMore() {
    void this.loadMore();
  },

  onStage(e: WechatMiniprogram.BaseEvent<Record<string, never>, { stage: string }>) {
    const stage = stageOf(e.currentTarget.dataset.stage);
    if (stage === this.data.stage) return;
    this.setData({ stage, rows: [] });
    void this.load();
  },

  onBody(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
    const id = String(e.currentTarget.dataset.id || '');
    this.setData({ bodyId: id === this.data.bodyId ? '' : id, rows: [] });
    void this.load();
  },

  onPropose() {
    const q = this.data.bodyId ? `?bodyId=${encodeURIComponent(this.data.bodyId)}` : '';
    wx.navigateTo({ url: `/packageCouncil/pages/propose/propose${q}` });
  },

  onCampaign() {
    wx.navigateTo({ url: '/packageCouncil/pages/campaign/campaign' });
  },

  onRatings() {
    wx.navigateTo({ url: '/packageCouncil/pages/ratings/ratings' });
  },
});
