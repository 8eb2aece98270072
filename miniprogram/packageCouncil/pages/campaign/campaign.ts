/**
 * 群众评优 (from 议事厅, 三评 and the committee's desk, `?id=` optional): this year's campaigns, the
 * open one first; its nominees as a ballot of up to K, one per household, secret ("无记名"), with
 * the turnout; once my household voted only that it was counted; after the close the counts, most
 * votes first, and the days of objections. The committee opens a campaign (发起评优) and, after the
 * window, closes and counts it. Logic in services/council/present-campaigns.
 */
import { Profile, Result, canManageCommunity, shanghaiClock } from '../../../generated/domain';
import { NO_RETRY, sendOnce } from '../../../services/api/idempotency';
import { campaign, campaignVote, campaigns, closeCampaign, objectCampaign } from '../../../services/council/campaigns';
import { CampaignView, campaignToShow, campaignView, objectionsOpen } from '../../../services/council/present-campaigns';
import { toggleChoice } from '../../../services/council/present';
import { CampaignDetail } from '../../../services/council/types';
import { elderMode } from '../../../services/display/display';
import { getMe } from '../../../services/user/user';
import { askReason } from '../../../utils/ask-reason/ask-reason';
import { loadEvents } from '../../../utils/page-events/page-events';

const VOTED = '您家的票已计入。无记名投票，这里不显示您投了谁';

Page({
  ...loadEvents,
  data: {
    elder: false,
    loading: true,
    loadError: '',
    /** This year's campaigns, to switch between. */
    tabs: [] as { id: string; title: string }[],
    view: null as CampaignView | null,
    marks: [] as boolean[],
    voted: '',
    canVote: false,
    /** A household of the community may object while the result is posted (the function checks the roll). */
    canObject: false,
    /** Residents objected: the committee answers them (异议答复). */
    objected: false,
    committee: false,
    busy: false,
    message: '',
    messageKind: '' as 'ok' | 'error' | '',
  },

  campaignId: '',
  me: null as Profile | null,
  detail: null as CampaignDetail | null,
  ballot: [] as number[],
  retry: NO_RETRY,
  shown: false,

  onLoad(query: Record<string, string | undefined>) {
    this.campaignId = (query && query.id) || '';
    this.setData({ elder: elderMode() });
    void this.load();
  },

  onShow() {
    loadEvents.onShow.call(this);
    // Back from 发起评优: the new campaign is the one to show.
    if (this.shown && !this.data.loading) {
      this.campaignId = '';
      void this.load();
    }
    this.shown = true;
  },

  async load() {
    this.setData({ loading: !this.data.view, loadError: '' });
    if (!this.me) {
      const me = await getMe();
      if (!me.ok) return this.setData({ loading: false, loadError: me.error.message });
      this.me = me.data;
    }
    const communityId = this.me.community ? this.me.community.id : '';
    if (!communityId) return this.setData({ loading: false, loadError: '绑定本居民区的房屋后才能参加群众评优' });
    const listed = await campaigns(communityId, shanghaiClock(Date.now()).year);
    if (!listed.ok) return this.setData({ loading: false, loadError: listed.error.message });
    const first = campaignToShow(listed.data.items);
    const id = this.campaignId || (first ? first.id : '');
    this.setData({ tabs: listed.data.items.map((c) => ({ id: c.id, title: c.title })), committee: canManageCommunity(this.me.roles, communityId) });
    if (!id) return this.setData({ loading: false, view: null });
    await this.showCampaign(id);
    this.setData({ loading: false });
  },

  async showCampaign(id: string) {
    const got = await campaign(id);
    if (!got.ok) return this.setData({ loadError: got.error.message });
    if (id !== this.campaignId || got.data.myHouseholdVoted) this.ballot = [];
    this.campaignId = id;
    this.detail = got.data;
    const me = this.me;
    const home = Boolean(me && me.building && me.room && me.community && me.community.id === got.data.campaign.communityId);
    this.setData({
      view: campaignView(got.data.campaign, Date.now()),
      voted: got.data.myHouseholdVoted ? VOTED : '',
      canVote: home && !got.data.myHouseholdVoted,
      canObject: home && objectionsOpen(got.data.campaign, Date.now()),
      objected: got.data.campaign.status === 'objected',
      marks: this.marks(),
    });
  },

  marks(): boolean[] {
    return this.detail ? this.detail.campaign.nominees.map((_, i) => this.ballot.includes(i)) : [];
  },

  onTab(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
    const id = String(e.currentTarget.dataset.id || '');
    if (!id || id === this.campaignId || this.data.busy) return;
    this.setData({ message: '', messageKind: '' });
    void this.showCampaign(id);
  },

  onChoose(e: WechatMiniprogram.BaseEvent<Record<string, never>, { index: number }>) {
    const d = this.detail;
    if (!d || this.data.busy) return;
    this.ballot = toggleChoice(this.ballot, Number(e.currentTarget.dataset.index), d.campaign.maxChoices);
    this.setData({ marks: this.marks(), message: '', messageKind: '' });
  },

  /** One write; on success the campaign is read again and `done` said. */
  async send<T>(request: string, write: (key: string) => Promise<Result<T>>, done: string) {
    if (this.data.busy) return;
    this.setData({ busy: true, message: '', messageKind: '' });
    const { sent, memo } = await sendOnce(this.retry, request, write);
    this.retry = memo;
    if (!sent.ok) return this.setData({ busy: false, message: sent.error.message, messageKind: 'error' });
    await this.showCampaign(this.campaignId);
    this.setData({ busy: false, message: done, messageKind: 'ok' });
  },

  onCast() {
    const choices = [...this.ballot];
    const id = this.campaignId;
    if (!id) return;
    if (choices.length === 0) return this.setData({ message: '请先选择', messageKind: 'error' });
    return this.send(`campaignVote/${id}/${choices.join(',')}`, (key) => campaignVote(id, choices, key), '您家的票已计入');
  },

  onClose() {
    const id = this.campaignId;
    if (id) return this.send(`closeCampaign/${id}`, (key) => closeCampaign(id, key), '已计票，结果公示 5 天');
  },

  async onObject() {
    const id = this.campaignId;
    if (!id || this.data.busy) return;
    const reason = await askReason({
      title: '对评优结果提出异议',
      placeholder: '写明理由：居委会将统一答复',
      confirmText: '提出异议',
      tooShort: '理由至少 2 个字',
      onTooShort: (message) => this.setData({ message, messageKind: 'error' }),
    });
    if (reason) await this.send(`objectCampaign/${id}/${reason}`, (key) => objectCampaign(id, reason, key), '异议已提交，公示期结束后居委会统一答复');
  },

  onPaper() {
    if (this.campaignId) wx.navigateTo({ url: `/packageCouncil/pages/paper-ballot/paper-ballot?campaignId=${encodeURIComponent(this.campaignId)}` });
  },

  onObjections() {
    if (this.campaignId) wx.navigateTo({ url: `/packageCouncil/pages/objections/objections?id=${encodeURIComponent(this.campaignId)}` });
  },

  onOpen() {
    wx.navigateTo({ url: '/packageCouncil/pages/open-campaign/open-campaign' });
  },
});
