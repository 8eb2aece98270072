/**
 * 社区活动 (committee): every activity of the community (whatever its audience; cancelled and
 * recently ended ones too), with 新建活动 and, for each, 编辑 / 名单 / 审核 / 签到码.
 */
import { elderMode } from '../../../services/display/display';
import { ActivityPage, communityActivities, getMe, managedCommunity } from '../../services/committee';

interface Row {
  id: string;
  title: string;
  note: string;
  editUrl: string;
  rosterUrl: string;
  reviewUrl: string;
  codeUrl: string;
}

const FORM_URL = '/packageCommittee/pages/activity-form/activity-form';

function row(a: ActivityPage['items'][number]): Row {
  const state = a.status === 'cancelled' ? '已取消' : `已报名 ${a.capacity - a.seatsLeft}/${a.capacity}`;
  const approval = a.approval === 'committee' ? ' · 需审核' : '';
  return {
    id: a.id,
    title: a.title,
    note: `${state}${approval}`,
    editUrl: `${FORM_URL}?id=${a.id}`,
    rosterUrl: `/packageCommittee/pages/roster/roster?id=${a.id}`,
    reviewUrl: `/packageCommittee/pages/review/review?activityId=${a.id}`,
    codeUrl: `/packageCommittee/pages/checkin-code/checkin-code?activityId=${a.id}`,
  };
}

Page({
  data: { elder: false, loading: true, loadError: '', rows: [] as Row[], nextCursor: '', formUrl: FORM_URL },

  loaded: false,
  /** The community I manage, from my committee role; '' until known (and for an admin). */
  communityId: '',
  knowsCommunity: false,

  onLoad() {
    this.setData({ elder: elderMode() });
    void this.load();
  },

  /** Back from the form or a roster: what changed there shows here. */
  onShow() {
    if (this.data.elder !== elderMode()) this.setData({ elder: elderMode() });
    if (this.loaded) void this.load();
  },

  onRetry() {
    void this.load();
  },

  onReachBottom() {
    if (this.data.nextCursor && !this.data.loading) void this.loadMore();
  },

  async load() {
    this.setData({ loading: !this.loaded, loadError: '' });
    if (!this.knowsCommunity) {
      const me = await getMe();
      if (!me.ok) {
        this.setData({ loading: false, loadError: me.error.message });
        return;
      }
      this.communityId = managedCommunity(me.data);
      if (!this.communityId && !me.data.roles.some((r) => r.role === 'admin')) {
        this.setData({ loading: false, loadError: '只有居委会成员可以管理社区活动' });
        return;
      }
      this.knowsCommunity = true;
    }
    const list = await communityActivities(this.communityId);
    if (!list.ok) {
      this.setData({ loading: false, loadError: list.error.message });
      return;
    }
    this.loaded = true;
    this.setData({ loading: false, rows: list.data.items.map(row), nextCursor: list.data.nextCursor || '' });
  },

  async loadMore() {
    const list = await communityActivities(this.communityId, this.data.nextCursor);
    if (!list.ok) {
      wx.showToast({ title: list.error.message, icon: 'none' });
      return;
    }
    const start = this.data.rows.length;
    const patch: Record<string, unknown> = { nextCursor: list.data.nextCursor || '' };
    list.data.items.forEach((a, i) => {
      patch[`rows[${start + i}]`] = row(a);
    });
    this.setData(patch);
  },
});
