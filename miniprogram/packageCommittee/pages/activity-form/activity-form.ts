/**
 * 发布活动 / 编辑活动 (committee; `?id=` edits, none creates): every field of an activity, checked
 * on the phone with the functions' own schema and time rules before anything is sent; what the
 * functions refuse is shown as they say it, and nothing typed is lost. Publishing reuses its
 * request key after a lost answer (one activity, not two); editing sends only what changed. Shapes
 * in ./view, checks in ./fields, calls in services/committee; the map location, cover, audience,
 * signup form, shifts and 取消活动 are components (packageCommittee/components).
 */
import { NO_RETRY, sendOnce } from '../../../services/api/idempotency';
import { elderMode } from '../../../services/display/display';
import { imageUrls } from '../../../services/storage/storage';
import { ActivityFields, ManagedActivity, Tree, communityTree, createActivity, getManagedActivity, getMe, managedCommunity, updateActivity } from '../../services/committee';
import { changedFields, checkValues, rawFields } from './fields';
import { FormValues, Option, SERIES_OPTIONS, defaultValues, unitOptions, valuesFrom } from './view';
import { loadEvents } from '../../../utils/page-events/page-events';

/** Fields typed into an input or set by a date or time picker (whose value is the text). */
const TEXT_FIELDS = [
  'title',
  'description',
  'placeText',
  'capacity',
  'pointsPerHour',
  'checkinRadius',
  'startDate',
  'startTime',
  'endDate',
  'endTime',
  'opensDate',
  'opensTime',
  'closesDate',
  'closesTime',
];

const initialData = {
  elder: false,
  loading: true,
  loadError: '',
  editing: false,
  cancelled: false,
  /** The activity being edited, '' before it is published. */
  activityId: '',
  values: defaultValues(Date.now()),
  seriesOptions: SERIES_OPTIONS,
  grids: [] as Option[],
  buildings: [] as Option[],
  /** What the cover shows: the chosen picture's temporary path, or the stored cover's address. */
  coverPreview: '',
  uploadingCover: false,
  saving: false,
  /** The first problem with the form, or what the functions answered. */
  problem: '',
  /** The outcome of the last save or cancel. */
  message: '',
};

Page({
  ...loadEvents,
  data: initialData,

  communityId: '',
  tree: null as Tree | null,
  /** The loaded activity's fields as the form built them: what an edit compares against. */
  original: null as Record<string, unknown> | null,
  lockedShifts: undefined as ActivityFields['shifts'] | undefined,
  /** The key of the last publish that got no answer, reused when the same fields are sent again. */
  retry: NO_RETRY,

  onLoad(query: Record<string, string | undefined>) {
    const activityId = query.id || '';
    this.communityId = query.communityId || '';
    this.setData({ elder: elderMode(), activityId, editing: !!activityId, values: defaultValues(Date.now()) });
    wx.setNavigationBarTitle({ title: activityId ? '编辑活动' : '发布活动' });
    void this.load();
  },

  async load() {
    this.setData({ loading: true, loadError: '' });
    let activity: ManagedActivity | null = null;
    if (this.data.activityId) {
      const got = await getManagedActivity(this.data.activityId);
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
    this.setData({ loading: false, editing: true, activityId: a.id, cancelled: a.status === 'cancelled', values, ...this.choices(values) });
    if (a.cover && !this.data.coverPreview) void imageUrls([a.cover]).then(([url]) => this.setData({ coverPreview: url || '' }));
  },

  onText(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    const name = String(e.currentTarget.dataset.field || '');
    if (TEXT_FIELDS.includes(name)) this.setData({ [`values.${name}`]: String(e.detail.value), problem: '', message: '' });
  },

  /** What a section component changed ({ field: value }); a new choice of units ticks them. */
  onValues(e: WechatMiniprogram.CustomEvent<Partial<FormValues>>) {
    const patch: Record<string, unknown> = { problem: '', message: '' };
    for (const [name, value] of Object.entries(e.detail)) if (name in this.data.values) patch[`values.${name}`] = value;
    if (e.detail.gridIds || e.detail.buildingIds) Object.assign(patch, this.choices({ ...this.data.values, ...e.detail }));
    this.setData(patch);
  },

  onSeries(e: WechatMiniprogram.CustomEvent<{ value: string | number }>) {
    const index = Number(e.detail.value);
    if (index >= 0 && index < SERIES_OPTIONS.length) this.setData({ 'values.seriesIndex': index, problem: '', message: '' });
  },

  onApproval(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ 'values.approval': e.detail.value === 'committee' ? 'committee' : 'auto', problem: '', message: '' });
  },

  onCover(e: WechatMiniprogram.CustomEvent<{ cover: string; preview: string }>) {
    this.setData({ 'values.cover': e.detail.cover, coverPreview: e.detail.preview });
  },

  onCoverUploading(e: WechatMiniprogram.CustomEvent<{ uploading: boolean }>) {
    this.setData({ uploadingCover: e.detail.uploading, problem: '', message: '' });
  },

  onProblem(e: WechatMiniprogram.CustomEvent<{ message: string }>) {
    this.setData({ problem: e.detail.message });
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
    this.setData({ saving: true, problem: '', message: '' });
    const { sent, memo } = await sendOnce(this.retry, request, (key) => createActivity(this.communityId, fields, key));
    this.retry = memo;
    if (!sent.ok) {
      this.setData({ saving: false, problem: sent.error.message });
      return;
    }
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
    const sent = await updateActivity(this.data.activityId, changes);
    if (!sent.ok) {
      this.setData({ saving: false, problem: sent.error.message });
      return;
    }
    this.original = raw;
    this.setData({ saving: false, message: '已保存' });
  },

  onBusy(e: WechatMiniprogram.CustomEvent<{ busy: boolean }>) {
    this.setData({ saving: e.detail.busy, problem: '', message: '' });
  },

  onCancelled() {
    this.setData({ cancelled: true, message: '活动已取消，已报名的居民会收到通知' });
  },
});
