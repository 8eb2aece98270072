/**
 * 发起群众评优 (committee, from 群众评优): the title (最美楼组, 优秀志愿者…), the nominees one a line
 * ("名称：简介"), how many a household may choose and the window (3–14 days). The households bound
 * now are the roll. Back on 群众评优 once it is open. Checks in services/council/present-campaigns.
 */
import { NO_RETRY, submitOnce } from '../../../services/api/idempotency';
import { openCampaign } from '../../../services/council/campaigns';
import { deskOf } from '../../../services/council/council';
import { checkCampaign } from '../../../services/council/present-campaigns';
import { elderMode } from '../../../services/display/display';
import { loadEvents } from '../../../utils/page-events/page-events';
import { shanghaiDateTime } from '../../../utils/time';

const DAY_CHOICES = [3, 7, 14];

Page({
  ...loadEvents,
  data: {
    elder: false,
    loading: true,
    loadError: '',
    title: '',
    nominees: '',
    maxChoices: 1,
    days: 7,
    dayChoices: DAY_CHOICES,
    submitting: false,
    formError: '',
    opened: '',
  },

  communityId: '',
  retry: NO_RETRY,

  onLoad() {
    this.retry = NO_RETRY;
    this.setData({ elder: elderMode() });
    void this.load();
  },

  async load() {
    const desk = await deskOf(this);
    if (!desk) return;
    this.communityId = desk.communityId;
    this.setData({ loading: false });
  },

  onTitle(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ title: e.detail.value, formError: '' });
  },

  onNominees(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ nominees: e.detail.value, formError: '' });
  },

  onMaxChoices(e: WechatMiniprogram.BaseEvent<Record<string, never>, { step: number }>) {
    const next = Math.max(1, Math.min(10, this.data.maxChoices + Number(e.currentTarget.dataset.step || 0)));
    this.setData({ maxChoices: next, formError: '' });
  },

  onDays(e: WechatMiniprogram.BaseEvent<Record<string, never>, { days: number }>) {
    const days = Number(e.currentTarget.dataset.days);
    if (DAY_CHOICES.includes(days)) this.setData({ days, formError: '' });
  },

  async onSubmit() {
    if (this.data.submitting) return;
    const checked = checkCampaign(this.communityId, this.data);
    if (!checked.ok) return this.setData({ formError: checked.message });
    const sent = await submitOnce(this, JSON.stringify(checked.input), (key) => openCampaign(checked.input, key));
    if (!sent) return;
    this.setData({ submitting: false, opened: `评优已发起：名册上 ${sent.data.eligibleHouseholds} 户，${shanghaiDateTime(sent.data.closesAt)} 截止` });
  },

  onBack() {
    wx.navigateBack({});
  },
});
