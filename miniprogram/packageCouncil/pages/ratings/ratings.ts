/**
 * 三评 (from 议事厅 and the committee's desk, `?year=`): a community's year in three ratings side by
 * side: 企业服务评级 (co-building units as residents rated them), 党员岗位评星 (how many members stand
 * at each star; the names for the committee only) and 群众评优 (each closed campaign's counts).
 * Logic in services/council/present-campaigns.
 */
import { shanghaiClock } from '../../../generated/domain';
import { threeRatings } from '../../../services/council/campaigns';
import { RatingsView, ratingsView } from '../../../services/council/present-campaigns';
import { elderMode } from '../../../services/display/display';
import { getMe } from '../../../services/user/user';
import { loadEvents } from '../../../utils/page-events/page-events';

Page({
  ...loadEvents,
  data: {
    elder: false,
    loading: true,
    loadError: '',
    year: 0,
    years: [] as number[],
    view: null as RatingsView | null,
  },

  communityId: '',

  onLoad(query: Record<string, string | undefined>) {
    const thisYear = shanghaiClock(Date.now()).year;
    const asked = Number(query && query.year);
    const year = Number.isInteger(asked) && asked >= 2020 && asked <= thisYear ? asked : thisYear;
    this.setData({ elder: elderMode(), year, years: [thisYear - 1, thisYear] });
    void this.load();
  },

  async load() {
    this.setData({ loading: !this.data.view, loadError: '' });
    if (!this.communityId) {
      const me = await getMe();
      if (!me.ok) return this.setData({ loading: false, loadError: me.error.message });
      if (!me.data.community) return this.setData({ loading: false, loadError: '绑定本居民区的房屋后才能查看三评' });
      this.communityId = me.data.community.id;
    }
    const got = await threeRatings(this.communityId, this.data.year);
    if (!got.ok) return this.setData({ loading: false, loadError: got.error.message });
    this.setData({ loading: false, view: ratingsView(got.data) });
  },

  onYear(e: WechatMiniprogram.BaseEvent<Record<string, never>, { year: number }>) {
    const year = Number(e.currentTarget.dataset.year);
    if (!this.data.years.includes(year) || year === this.data.year) return;
    this.setData({ year });
    void this.load();
  },

  onCampaign(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
    const id = String(e.currentTarget.dataset.id || '');
    if (id) wx.navigateTo({ url: `/packageCouncil/pages/campaign/campaign?id=${encodeURIComponent(id)}` });
  },
});
