/**
 * 社区活动 (committee): every activity of the community (whatever its audience; cancelled and
 * recently ended ones too), with 新建活动 and, for each, how many signups wait for approval and
 * 编辑 / 名单 / 审核 / 签到码.
 */
import { ApiError, Result } from '../../../generated/domain';
import { elderMode } from '../../../services/display/display';
import { listData, listEvents, loadFirst, loadMore } from '../../../utils/paged-list/paged-list';
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
  const waiting = a.waiting ? ` · ${a.waiting} 人待审核` : '';
  return {
    id: a.id,
    title: a.title,
    note: `${state}${approval}${waiting}`,
    editUrl: `${FORM_URL}?id=${a.id}`,
    rosterUrl: `/packageCommittee/pages/roster/roster?id=${a.id}`,
    reviewUrl: `/packageCommittee/pages/review/review?activityId=${a.id}`,
    codeUrl: `/packageCommittee/pages/checkin-code/checkin-code?activityId=${a.id}`,
  };
}

Page({
  data: { ...listData<Row>(), elder: false, formUrl: FORM_URL },
  ...listEvents,

  loaded: false,
  /** The community I manage, from my committee role; '' until known (and for an admin). */
  communityId: '',
  knowsCommunity: false,

  /** Back from the form or a roster: what changed there shows here. */
  onShow() {
    if (this.data.elder !== elderMode()) this.setData({ elder: elderMode() });
    if (this.loaded) void this.load();
  },

  async load() {
    const first = async () => {
      const known = await this.knowCommunity();
      return known.ok ? communityActivities(this.communityId) : known;
    };
    // Back from the form, the rows stay until the new ones arrive.
    if (await loadFirst(this, first, (items) => items.map(row), { keepRows: true })) this.loaded = true;
  },

  /** The community I manage, from my profile, once; an admin manages all (''). */
  async knowCommunity(): Promise<Result<string>> {
    if (this.knowsCommunity) return { ok: true, data: this.communityId };
    const me = await getMe();
    if (!me.ok) return me;
    this.communityId = managedCommunity(me.data);
    if (!this.communityId && !me.data.roles.some((r) => r.role === 'admin')) {
      const error: ApiError = { code: 'PERMISSION_DENIED', message: '只有居委会成员可以管理社区活动' };
      return { ok: false, error };
    }
    this.knowsCommunity = true;
    return { ok: true, data: this.communityId };
  },

  loadMore() {
    return loadMore(
      this,
      (cursor) => communityActivities(this.communityId, cursor),
      (items) => items.map(row),
    );
  },
});
