/**
 * 社区架构 (from 居委会工作台): the community's grids and buildings as residents choose them when they
 * bind, and whom they call (我的 › 联系我们): the 居委会's duty phone and each grid's worker. The
 * committee adds, renames and stops (停用) grids and buildings, and sets those phones.
 */
import { NO_RETRY, sendOnce } from '../../../services/api/idempotency';
import { elderMode } from '../../../services/display/display';
import { loadEvents } from '../../../utils/page-events/page-events';
import { Unit, archiveUnit, communityTree, createUnit, deskCommunity, renameUnit, setUnitContact } from '../../services/community';
import { Edit, TreeView, checkContact, checkName, contactEdit, renameEdit, treeView } from './view';

type Tap = WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>;
type Typed = WechatMiniprogram.CustomEvent<{ value: string }>;

Page({
  ...loadEvents,
  data: {
    elder: false,
    loading: true,
    loadError: '',
    view: { community: null, grids: [] } as TreeView,
    edit: null as Edit | null,
    parents: [] as { id: string; name: string }[],
    parentIndex: 0,
    addName: '',
    saving: false,
    message: '',
    messageKind: '' as 'ok' | 'error' | '',
  },

  communityId: '',
  units: [] as Unit[],
  retry: NO_RETRY,

  onLoad() {
    this.setData({ elder: elderMode() });
    void this.load();
  },

  async load() {
    this.setData({ loading: this.units.length === 0, loadError: '' });
    const community = await deskCommunity(this.communityId);
    if (!community.ok) return this.setData({ loading: false, loadError: community.error.message });
    this.communityId = community.data;
    const got = await communityTree(this.communityId);
    if (!got.ok) return this.setData({ loading: false, loadError: got.error.message });
    this.units = got.data.units;
    const view = treeView(this.units, this.communityId);
    const parents = [{ id: this.communityId, name: '本居民区（新网格）' }, ...view.grids.map((g) => ({ id: g.id, name: `${g.name}（新楼组）` }))];
    this.setData({ loading: false, view, parents, parentIndex: Math.min(this.data.parentIndex, parents.length - 1) });
  },

  unit(e: Tap): Unit | undefined {
    return this.units.find((u) => u.id === e.currentTarget.dataset.id);
  },

  onRename(e: Tap) {
    const unit = this.unit(e);
    if (unit) this.setData({ edit: renameEdit(unit), message: '' });
  },

  onContact(e: Tap) {
    const unit = this.unit(e);
    if (unit) this.setData({ edit: contactEdit(unit), message: '' });
  },

  onEditName(e: Typed) {
    this.setData({ 'edit.name': e.detail.value });
  },

  onEditPhone(e: Typed) {
    this.setData({ 'edit.phone': e.detail.value });
  },

  onCancelEdit() {
    this.setData({ edit: null, message: '' });
  },

  async onSaveEdit() {
    const edit = this.data.edit;
    if (!edit || this.data.saving) return;
    if (edit.what === 'name') {
      const name = checkName(edit.name);
      if (!name.ok) return this.setData({ message: name.message, messageKind: 'error' });
      await this.save(() => renameUnit(edit.unitId, name.value), `已改名为“${name.value}”`);
    } else {
      const contact = checkContact(edit.name, edit.phone);
      if (!contact.ok) return this.setData({ message: contact.message, messageKind: 'error' });
      await this.save(() => setUnitContact(edit.unitId, contact.value), contact.value ? '联系电话已保存，居民在“联系我们”里可以看到' : '已清除联系电话');
    }
  },

  onArchive(e: Tap) {
    const unit = this.unit(e);
    if (!unit || this.data.saving) return;
    wx.showModal({
      title: `停用${unit.name}`,
      content: '停用后居民不能再选择它，已有的记录都保留。只有没有楼组、没有居民时才能停用。',
      confirmText: '停用',
      cancelText: '再想想',
      success: (res) => {
        if (res.confirm) void this.save(() => archiveUnit(unit.id), `已停用“${unit.name}”`);
      },
    });
  },

  onParent(e: Typed) {
    this.setData({ parentIndex: Number(e.detail.value) || 0 });
  },

  onAddName(e: Typed) {
    this.setData({ addName: e.detail.value, message: '' });
  },

  async onAdd() {
    const name = checkName(this.data.addName);
    if (!name.ok) return this.setData({ message: name.message, messageKind: 'error' });
    const parent = this.data.parents[this.data.parentIndex];
    const input = { kind: this.data.parentIndex === 0 ? ('grid' as const) : ('building' as const), name: name.value, parentId: parent.id };
    const added = await this.save(async () => {
      const { sent, memo } = await sendOnce(this.retry, JSON.stringify(input), (key) => createUnit(input, key));
      this.retry = memo;
      return sent;
    }, `已添加“${name.value}”`);
    if (added) this.setData({ addName: '' });
  },

  /** Sends one change, says how it went, and reads the tree again. */
  async save(send: () => Promise<{ ok: boolean; error?: { message: string } }>, done: string): Promise<boolean> {
    if (this.data.saving) return false;
    this.setData({ saving: true, message: '' });
    const sent = await send();
    this.setData({ saving: false });
    if (!sent.ok) {
      this.setData({ message: sent.error ? sent.error.message : '没有保存成功，请重试', messageKind: 'error' });
      return false;
    }
    this.setData({ edit: null, message: done, messageKind: 'ok' });
    await this.load();
    return true;
  },
});
