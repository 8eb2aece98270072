/**
 * 我要反映 (from 我的 and 服务): kind, a category of my community, what happened, up to 9 photos, the
 * place (my building; a 移动网格员 away from home gives where they stand), urgent and anonymous. 提交
 * first asks for the notices of 受理 and 办结 (in the tap, as WeChat requires), then offers the open
 * demands like it nearby as 我也遇到; sending anyway reports it with a key a retry reuses. A refusal
 * keeps everything in the form with the reason. Logic in ./view and services/demand.
 */
import { DemandKind, demandPhotoFolder } from '../../../generated/domain';
import { NO_RETRY, sendOnce, submitOnce } from '../../../services/api/idempotency';
import { Category, categories, meToo, report, similar } from '../../../services/demand/demand';
import { dueOf } from '../../../services/demand/present';
import { elderMode } from '../../../services/display/display';
import { askConsent } from '../../../services/notifications/notifications';
import { MAX_IMAGES, imageUploader } from '../../../services/storage/storage';
import { getMe } from '../../../services/user/user';
import { GeoPoint, locate } from '../../../utils/device/device';
import { loadEvents } from '../../../utils/page-events/page-events';
import { CategoryOption, KIND_OPTIONS, NOT_BOUND, Reporter, SimilarRow, categoryOptions, checkDraft, kindOf, reportInput, reporterOf, similarRow } from './view';

const LOCATION_DECLINED = '同意隐私保护指引并允许使用位置后，才能按当前位置反映';
const LOCATION_FAILED = '没能获取位置，请到开阔处再试';

Page({
  ...loadEvents,
  data: {
    elder: false,
    loading: true,
    loadError: '',
    kinds: KIND_OPTIONS,
    kind: 'need' as DemandKind,
    options: [] as CategoryOption[],
    categoryId: '',
    text: '',
    images: [] as string[],
    maxImages: MAX_IMAGES,
    urgent: false,
    anonymous: false,
    placeText: '',
    mobile: false,
    located: false,
    locating: false,
    /** Open demands like mine, offered before a new one is sent. */
    similar: [] as SimilarRow[],
    submitting: false,
    formError: '',
    outcome: '',
    reportedId: '',
  },

  reporter: null as Reporter | null,
  all: [] as Category[],
  location: null as GeoPoint | null,
  uploads: imageUploader('demand'),
  retry: NO_RETRY,
  /** The neighbours' demands were looked at for this category: 提交 now sends. */
  similarShown: '',
  consentAsked: false,

  onLoad() {
    this.retry = NO_RETRY;
    this.consentAsked = false;
    this.setData({ elder: elderMode() });
    void this.load();
  },

  async load() {
    this.setData({ loading: true, loadError: '' });
    const me = await getMe();
    if (!me.ok) return this.setData({ loading: false, loadError: me.error.message });
    const reporter = reporterOf(me.data);
    if (!reporter) return this.setData({ loading: false, loadError: NOT_BOUND });
    const got = await categories(reporter.communityId);
    if (!got.ok) return this.setData({ loading: false, loadError: got.error.message });
    this.reporter = reporter;
    this.all = got.data.items;
    this.uploads = imageUploader(demandPhotoFolder(reporter.openid));
    this.setData({ loading: false, placeText: reporter.placeText, mobile: reporter.mobile, options: categoryOptions(this.all, this.data.kind) });
  },

  onKind(e: WechatMiniprogram.BaseEvent<Record<string, never>, { kind: string }>) {
    const kind = kindOf(e.currentTarget.dataset.kind);
    if (kind) this.setData({ kind, categoryId: '', options: categoryOptions(this.all, kind), similar: [], formError: '' });
  },

  onCategory(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
    this.setData({ categoryId: String(e.currentTarget.dataset.id || ''), similar: [], formError: '' });
  },

  onText(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ text: e.detail.value, formError: '' });
  },

  onImages(e: WechatMiniprogram.CustomEvent<{ images: string[] }>) {
    this.setData({ images: e.detail.images, formError: '' });
  },

  onImagesProblem(e: WechatMiniprogram.CustomEvent<{ message: string }>) {
    this.setData({ formError: e.detail.message });
  },

  onUrgent(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
    this.setData({ urgent: e.detail.value === true });
  },

  onAnonymous(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
    this.setData({ anonymous: e.detail.value === true });
  },

  async onLocate() {
    if (this.data.locating) return;
    this.setData({ locating: true, formError: '' });
    const found = await locate();
    if (!found.ok) return this.setData({ locating: false, formError: found.reason === 'declined' ? LOCATION_DECLINED : LOCATION_FAILED });
    this.location = found.point;
    this.setData({ locating: false, located: true, placeText: '当前位置（就近归入楼组）' });
  },

  async onSubmit() {
    const reporter = this.reporter;
    if (this.data.submitting || !reporter) return;
    const d = this.data;
    const checked = checkDraft({ ...d, photos: d.images.length }, reporter);
    if (!checked.ok) return this.setData({ formError: checked.message });
    // In the tap, before any await: WeChat shows the dialog only then. A refusal does not stop the report.
    const consent = this.consentAsked ? Promise.resolve([]) : askConsent(['demandAccepted', 'demandResolved']);
    this.consentAsked = true;
    this.setData({ submitting: true, formError: '' });
    await consent;
    if (this.similarShown !== d.categoryId) {
      this.similarShown = d.categoryId;
      const like = await similar(d.categoryId, reporter.buildingId || undefined, this.location || undefined);
      const open = like.ok ? like.data.items.map(similarRow) : [];
      if (open.length > 0) return this.setData({ submitting: false, similar: open });
    }
    await this.send(checked.text);
  },

  /** None of the neighbours' demands is mine: report it as new. */
  onSubmitAnyway() {
    const reporter = this.reporter;
    if (this.data.submitting || !reporter) return;
    const checked = checkDraft({ ...this.data, photos: this.data.images.length }, reporter);
    if (!checked.ok) return this.setData({ formError: checked.message });
    this.setData({ submitting: true, formError: '', similar: [] });
    return this.send(checked.text);
  },

  /** Back to the form as it was; 提交 then sends without offering the same demands again. */
  onEdit() {
    if (!this.data.submitting) this.setData({ similar: [], formError: '' });
  },

  async send(text: string) {
    const reporter = this.reporter as Reporter;
    const uploads = await this.uploads.upload(this.data.images);
    if (!uploads.ok) return this.setData({ submitting: false, formError: uploads.error.message });
    const input = reportInput({ ...this.data, photos: uploads.data.length }, text, reporter, uploads.data, this.location);
    const { sent, memo } = await sendOnce(this.retry, JSON.stringify(input), (key) => report(input, key));
    this.retry = memo;
    // Refused or lost: the form stays as it was, with the reason.
    if (!sent.ok) return this.setData({ submitting: false, formError: sent.error.message });
    this.uploads.forget();
    const due = dueOf(sent.data, Date.now());
    this.setData({ submitting: false, similar: [], outcome: `已提交，${due.by || '我们会尽快处理'}`, reportedId: sent.data.id, text: '', images: [] });
  },

  /** 我也遇到: follow the neighbour's demand instead of reporting the same again. */
  async onMeToo(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
    const id = String(e.currentTarget.dataset.id || '');
    if (this.data.submitting || !id) return;
    const sent = await submitOnce(this, `meToo/${id}`, (key) => meToo(id, key));
    if (!sent) return;
    this.setData({ submitting: false, similar: [], outcome: '已记下“我也遇到”，办结时会通知你', reportedId: id, text: '', images: [] });
  },

  onView() {
    if (this.data.reportedId) wx.redirectTo({ url: `/packageDemand/pages/demand/demand?id=${encodeURIComponent(this.data.reportedId)}` });
  },

  onMine() {
    wx.redirectTo({ url: '/packageDemand/pages/mine/mine' });
  },
});
