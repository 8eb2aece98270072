/**
 * 诉求类别 (from 居委会工作台): the community's categories of demands with their kind and deadline
 * class; the committee adds one, or stops (停用) and restarts one. Residents choose among those in use.
 */
import { NO_RETRY, sendOnce } from '../../../services/api/idempotency';
import { Category, categories, saveCategory } from '../../../services/demand/demand';
import { elderMode } from '../../../services/display/display';
import { loadEvents } from '../../../utils/page-events/page-events';
import { deskCommunity } from '../../services/community';
import { CLASS_CHOICES, CategoryRow, KIND_CHOICES, archiveChange, categoryRow, newCategory } from './view';

Page({
  ...loadEvents,
  data: {
    elder: false,
    loading: true,
    loadError: '',
    rows: [] as CategoryRow[],
    kinds: KIND_CHOICES,
    classes: CLASS_CHOICES,
    name: '',
    kindIndex: 0,
    classIndex: 2,
    saving: false,
    message: '',
    messageKind: '' as 'ok' | 'error' | '',
  },

  communityId: '',
  all: [] as Category[],
  retry: NO_RETRY,

  onLoad() {
    this.retry = NO_RETRY;
    this.setData({ elder: elderMode() });
    void this.load();
  },

  async load() {
    this.setData({ loading: this.data.rows.length === 0, loadError: '' });
    const community = await deskCommunity(this.communityId);
    if (!community.ok) return this.setData({ loading: false, loadError: community.error.message });
    this.communityId = community.data;
    const got = await categories(this.communityId, true);
    if (!got.ok) return this.setData({ loading: false, loadError: got.error.message });
    this.all = got.data.items;
    this.setData({ loading: false, rows: this.all.map(categoryRow) });
  },

  onName(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ name: e.detail.value, message: '' });
  },

  onKind(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ kindIndex: Number(e.detail.value) || 0 });
  },

  onClass(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ classIndex: Number(e.detail.value) || 0 });
  },

  async onAdd() {
    const checked = newCategory(this.communityId, this.data.name, this.data.kindIndex, this.data.classIndex);
    if (!checked.ok) return this.setData({ message: checked.message, messageKind: 'error' });
    if (await this.save(checked.change)) this.setData({ name: '', message: `已添加“${checked.change.name}”`, messageKind: 'ok' });
  },

  async onToggle(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
    const c = this.all.find((x) => x.id === e.currentTarget.dataset.id);
    if (c && (await this.save(archiveChange(c, !c.archived)))) this.setData({ message: c.archived ? `已启用“${c.name}”` : `已停用“${c.name}”`, messageKind: 'ok' });
  },

  async save(change: Parameters<typeof saveCategory>[0]): Promise<boolean> {
    if (this.data.saving) return false;
    this.setData({ saving: true, message: '' });
    const { sent, memo } = await sendOnce(this.retry, JSON.stringify(change), (key) => saveCategory(change, key));
    this.retry = memo;
    this.setData({ saving: false });
    if (!sent.ok) {
      this.setData({ message: sent.error.message, messageKind: 'error' });
      return false;
    }
    await this.load();
    return true;
  },
});
