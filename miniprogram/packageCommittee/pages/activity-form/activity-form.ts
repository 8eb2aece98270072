/**
 * 发布活动 / 编辑活动 (committee; `?id=` edits, none creates): every field of an activity, checked
 * on the phone with the functions' own schema and time rules before anything is sent; what the
 * functions refuse is shown as they say it, and nothing typed is lost. Publishing reuses its
 * request key after a lost answer (one activity, not two); editing sends only what changed.
 * Shapes and checks live in ./view; calls in services/committee.
 */
import { newIdempotencyKey } from '../../../services/api/idempotency';
import { elderMode } from '../../../services/display/display';
import { ensurePrivacyAgreed } from '../../../services/privacy/privacy';
import { ALBUM_FAILED, chooseImages, imageUrls, uploadImage } from '../../../services/storage/storage';
import { ActivityFields, ManagedActivity, Tree, cancelActivity, communityTree, createActivity, getManagedActivity, getMe, managedCommunity, updateActivity } from '../../services/committee';
import {
  AUDIENCES, COMPANION_OPTIONS, FormValues, Option, RULES, RULE_NAMES, SERIES_OPTIONS, ShiftValues,
  changedFields, checkValues, defaultValues, newShift, rawFields, unitOptions, valuesFrom,
} from './view';

/** Fields typed into an input or textarea. */
const TEXT_FIELDS = ['title', 'description', 'placeText', 'capacity', 'noteLabel', 'pointsPerHour', 'checkinRadius'];
/** Fields set by a date or time picker (the picker's value is the text). */
const TIME_FIELDS = ['startDate', 'startTime', 'endDate', 'endTime', 'opensDate', 'opensTime', 'closesDate', 'closesTime'];
const SHIFT_FIELDS = ['role', 'date', 'startTime', 'endTime', 'capacity', 'hours'];
const MAX_SHIFTS = 20;

interface FormData {
  elder: boolean;
  loading: boolean;
  loadError: string;
  editing: boolean;
  cancelled: boolean;
  values: FormValues;
  seriesOptions: string[];
  ruleNames: string[];
  companionOptions: string[];
  audiences: typeof AUDIENCES;
  grids: Option[];
  buildings: Option[];
  /** What the cover shows: the chosen picture's temporary path, or the stored cover's address. */
  coverPreview: string;
  uploadingCover: boolean;
  saving: boolean;
  /** The first problem with the form, or what the functions answered. */
  problem: string;
  /** The outcome of the last save or cancel. */
  message: string;
}

const initialData: FormData = {
  elder: false,
  loading: true,
  loadError: '',
  editing: false,
  cancelled: false,
  values: defaultValues(Date.now()),
  seriesOptions: SERIES_OPTIONS,
  ruleNames: RULE_NAMES,
  companionOptions: COMPANION_OPTIONS,
  audiences: AUDIENCES,
  grids: [],
  buildings: [],
  coverPreview: '',
  uploadingCover: false,
  saving: false,
  problem: '',
  message: '',
};

const field = (e: WechatMiniprogram.BaseEvent) => String(e.currentTarget.dataset.field || '');

Page({
  data: initialData,

  activityId: '',
  communityId: '',
  tree: null as Tree | null,
  /** The loaded activity's fields as the form built them: what an edit compares against. */
  original: null as Record<string, unknown> | null,
  lockedShifts: undefined as ActivityFields['shifts'] | undefined,
  /** The key of the last publish that got no answer, reused when the same fields are sent again. */
  retry: { key: '', request: '' },

  onLoad(query: Record<string, string | undefined>) {
    this.activityId = query.id || '';
    this.communityId = query.communityId || '';
    this.setData({ elder: elderMode(), editing: !!this.activityId, values: defaultValues(Date.now()) });
    wx.setNavigationBarTitle({ title: this.activityId ? '编辑活动' : '发布活动' });
    void this.load();
  },

  onShow() {
    if (this.data.elder !== elderMode()) this.setData({ elder: elderMode() });
  },

  onRetry() {
    void this.load();
  },

  async load() {
    this.setData({ loading: true, loadError: '' });
    let activity: ManagedActivity | null = null;
    if (this.activityId) {
      const got = await getManagedActivity(this.activityId);
      if (!got.ok) return this.setData({ loading: false, loadError: got.error.message });
      activity = got.data;
      this.communityId = activity.communityId;
    } else if (!this.communityId) {
      const me = await getMe();
      if (!me.ok) return this.setData({ loading: false, loadError: me.error.message });
      this.communityId = managedCommunity(me.data);
      if (!this.communityId) return this.setData({ loading: false, loadError: '只有居委会成员可以发布活动' });
    }
    const tree = await communityTree(this.communityId);
    if (!tree.ok) return this.setData({ loading: false, loadError: tree.error.message });
    this.tree = tree.data;
    if (activity) this.showActivity(activity);
    else this.setData({ loading: false, ...this.choices(this.data.values) });
  },

  /** The grid and building choices, ticked as the values say. */
  choices(v: FormValues): { grids: Option[]; buildings: Option[] } {
    if (!this.tree) return { grids: [], buildings: [] };
    return { grids: unitOptions(this.tree, 'grid', v.gridIds), buildings: unitOptions(this.tree, 'building', v.buildingIds) };
  },

  showActivity(a: ManagedActivity) {
    const values = valuesFrom(a);
    this.original = rawFields(values);
    this.lockedShifts = a.shifts.map((s) => ({ role: s.role, startAt: s.startAt, endAt: s.endAt, capacity: s.capacity, hours: s.hours }));
    this.setData({ loading: false, editing: true, cancelled: a.status === 'cancelled', values, ...this.choices(values) });
    if (a.cover && !this.data.coverPreview) void imageUrls([a.cover]).then(([url]) => this.setData({ coverPreview: url || '' }));
  },

  onText(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    const name = field(e);
    if (TEXT_FIELDS.includes(name)) this.setData({ [`values.${name}`]: e.detail.value, problem: '', message: '' });
  },

  onTime(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    const name = field(e);
    if (TIME_FIELDS.includes(name)) this.setData({ [`values.${name}`]: String(e.detail.value), problem: '', message: '' });
  },

  onSeries(e: WechatMiniprogram.CustomEvent<{ value: string | number }>) {
    const index = Number(e.detail.value);
    if (index >= 0 && index < SERIES_OPTIONS.length) this.setData({ 'values.seriesIndex': index, problem: '', message: '' });
  },

  onApproval(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ 'values.approval': e.detail.value === 'committee' ? 'committee' : 'auto', problem: '', message: '' });
  },

  onAudience(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    const kind = AUDIENCES.find((a) => a.kind === e.detail.value);
    if (kind) this.setData({ 'values.audienceKind': kind.kind, problem: '', message: '' });
  },

  onGrids(e: WechatMiniprogram.CustomEvent<{ value: string[] }>) {
    const values = { ...this.data.values, gridIds: e.detail.value.map(String) };
    this.setData({ 'values.gridIds': values.gridIds, grids: this.choices(values).grids, problem: '', message: '' });
  },

  onBuildings(e: WechatMiniprogram.CustomEvent<{ value: string[] }>) {
    const values = { ...this.data.values, buildingIds: e.detail.value.map(String) };
    this.setData({ 'values.buildingIds': values.buildingIds, buildings: this.choices(values).buildings, problem: '', message: '' });
  },

  onRule(e: WechatMiniprogram.CustomEvent<{ value: string | number }>) {
    const name = field(e);
    const rule = RULES[Number(e.detail.value)];
    if (rule && (name === 'phone' || name === 'note')) this.setData({ [`values.${name}`]: rule, problem: '', message: '' });
  },

  onCompanions(e: WechatMiniprogram.CustomEvent<{ value: string | number }>) {
    const n = Number(e.detail.value);
    if (n >= 0 && n < COMPANION_OPTIONS.length) this.setData({ 'values.companionsMax': n, problem: '', message: '' });
  },

  onAddShift() {
    const shifts = this.data.values.shifts;
    if (this.data.editing || shifts.length >= MAX_SHIFTS) return;
    this.setData({ [`values.shifts[${shifts.length}]`]: newShift(this.data.values), problem: '', message: '' });
  },

  onRemoveShift(e: WechatMiniprogram.BaseEvent) {
    const index = Number(e.currentTarget.dataset.index);
    if (this.data.editing || !(index >= 0)) return;
    const shifts: ShiftValues[] = this.data.values.shifts.filter((_, i) => i !== index);
    this.setData({ 'values.shifts': shifts, problem: '', message: '' });
  },

  onShift(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    const index = Number(e.currentTarget.dataset.index);
    const name = field(e);
    if (this.data.editing || !(index >= 0 && index < this.data.values.shifts.length) || !SHIFT_FIELDS.includes(name)) return;
    this.setData({ [`values.shifts[${index}].${name}`]: String(e.detail.value), problem: '', message: '' });
  },

  /** A place on the map (optional): asked only after the privacy agreement. */
  async onChooseLocation() {
    if (!(await ensurePrivacyAgreed())) {
      this.setData({ problem: '没有同意隐私保护指引，不能在地图上选位置；只填写地点也可以发布' });
      return;
    }
    wx.chooseLocation({
      success: (res) => {
        const name = res.name || res.address || '已选位置';
        const patch: Record<string, unknown> = { 'values.location': { longitude: res.longitude, latitude: res.latitude, name }, problem: '' };
        if (!this.data.values.placeText.trim()) patch['values.placeText'] = name.slice(0, 60);
        this.setData(patch);
      },
      fail: (err) => {
        if (!/cancel/i.test(err.errMsg)) this.setData({ problem: '没能打开地图，只填写地点也可以发布' });
      },
    });
  },

  onClearLocation() {
    this.setData({ 'values.location': null, 'values.checkinRadius': '', problem: '', message: '' });
  },

  /** A cover picture (optional): from the album or camera after the privacy agreement, stored at once. */
  async onChooseCover() {
    if (this.data.uploadingCover || this.data.cancelled) return;
    const chosen = await chooseImages(1);
    if (chosen.ok && chosen.paths.length > 0) void this.uploadCover(chosen.paths[0]);
    else if (!chosen.ok && chosen.reason === 'declined') this.setData({ problem: '没有同意隐私保护指引，不能选择图片；不加封面也可以发布' });
    else if (!chosen.ok && chosen.reason === 'failed') this.setData({ problem: ALBUM_FAILED });
  },

  async uploadCover(path: string) {
    this.setData({ uploadingCover: true, problem: '', message: '' });
    const stored = await uploadImage(path, 'covers');
    if (!stored.ok) {
      this.setData({ uploadingCover: false, problem: stored.error.message });
      return;
    }
    this.setData({ uploadingCover: false, 'values.cover': stored.data, coverPreview: path });
  },

  onClearCover() {
    if (!this.data.editing) this.setData({ 'values.cover': '', coverPreview: '' });
  },

  async onSave() {
    if (this.data.saving || this.data.uploadingCover || this.data.cancelled) return;
    const checked = checkValues(this.data.values, this.data.editing ? this.lockedShifts : undefined);
    if (!checked.ok) {
      this.setData({ problem: checked.problem, message: '' });
      return;
    }
    if (this.data.editing) await this.saveChanges(checked.fields, checked.raw);
    else await this.publish(checked.fields);
  },

  async publish(fields: ActivityFields) {
    const request = JSON.stringify(fields);
    // The same fields after a lost answer: the same key, so the functions publish once.
    const key = this.retry.request === request ? this.retry.key : newIdempotencyKey();
    this.setData({ saving: true, problem: '', message: '' });
    const sent = await createActivity(this.communityId, fields, key);
    this.retry = !sent.ok && sent.error.code === 'UNAVAILABLE' ? { key, request } : { key: '', request: '' };
    if (!sent.ok) {
      this.setData({ saving: false, problem: sent.error.message });
      return;
    }
    this.activityId = sent.data.id;
    wx.setNavigationBarTitle({ title: '编辑活动' });
    this.showActivity(sent.data);
    this.setData({ saving: false, message: '活动已发布' });
  },

  async saveChanges(fields: ActivityFields, raw: Record<string, unknown>) {
    const changes = changedFields(this.original || {}, raw, fields);
    if (Object.keys(changes).length === 0) {
      this.setData({ message: '没有修改' });
      return;
    }
    this.setData({ saving: true, problem: '', message: '' });
    const sent = await updateActivity(this.activityId, changes);
    if (!sent.ok) {
      this.setData({ saving: false, problem: sent.error.message });
      return;
    }
    this.original = raw;
    this.setData({ saving: false, message: '已保存' });
  },

  onCancelActivity() {
    if (!this.data.editing || this.data.cancelled || this.data.saving) return;
    wx.showModal({
      title: '取消活动',
      editable: true,
      placeholderText: '请写明取消理由，会通知已报名的居民',
      confirmText: '取消活动',
      cancelText: '再想想',
      success: (res) => {
        if (!res.confirm) return;
        const reason = (res.content || '').trim();
        if (reason.length < 2) {
          this.setData({ problem: '请写明取消理由（至少 2 个字）' });
          return;
        }
        void this.cancel(reason);
      },
    });
  },

  async cancel(reason: string) {
    this.setData({ saving: true, problem: '', message: '' });
    const done = await cancelActivity(this.activityId, reason);
    if (!done.ok) {
      this.setData({ saving: false, problem: done.error.message });
      return;
    }
    this.setData({ saving: false, cancelled: true, message: '活动已取消，已报名的居民会收到通知' });
  },
});
