/**
 * 居民名单 (committee): the community's members, 20 a page, by grid or building, with masked
 * phones and their roles; a role of my community can be granted from a picker of the roles the
 * committee may grant, or taken away (after a confirmation).
 */
import { Role } from '../../../generated/domain';
import { elderMode } from '../../../services/display/display';
import { Member, assignRole, communityTree, listMembers, myDesk, revokeRole } from '../../services/community';
import { FilterOption, MemberRow, RoleOption, filterOptions, grantableRoles, hasRole, memberRow, placeNames } from './view';

interface MembersData {
  elder: boolean;
  loading: boolean;
  loadError: string;
  filters: FilterOption[];
  filterIndex: number;
  /** Labels of the roles I may grant, for the picker. */
  grantLabels: string[];
  rows: MemberRow[];
  nextCursor: string;
  loadingMore: boolean;
  busy: boolean;
  message: string;
}

const initialData: MembersData = {
  elder: false,
  loading: true,
  loadError: '',
  filters: [],
  filterIndex: 0,
  grantLabels: [],
  rows: [],
  nextCursor: '',
  loadingMore: false,
  busy: false,
  message: '',
};

Page({
  data: initialData,

  communityId: '',
  myRoles: [] as Role[],
  names: new Map<string, string>(),
  grantable: [] as RoleOption[],
  /** The members on screen, in the rows' order, with their roles as the function gave them. */
  members: [] as Member[],

  onLoad() {
    this.setData({ elder: elderMode() });
    void this.load();
  },

  onShow() {
    this.setData({ elder: elderMode() });
  },

  onPullDownRefresh() {
    void this.load().then(() => wx.stopPullDownRefresh());
  },

  onRetry() {
    void this.load();
  },

  onReachBottom() {
    void this.loadMore();
  },

  async load() {
    this.setData({ loading: true, loadError: '' });
    if (!this.communityId) {
      const desk = await myDesk();
      if (!desk.ok) {
        this.setData({ loading: false, loadError: desk.error.message });
        return;
      }
      const tree = await communityTree(desk.data.communityId);
      if (!tree.ok) {
        this.setData({ loading: false, loadError: tree.error.message });
        return;
      }
      this.communityId = desk.data.communityId;
      this.myRoles = desk.data.roles;
      this.names = placeNames(tree.data);
      this.grantable = grantableRoles(this.myRoles, this.communityId, tree.data);
      this.setData({ filters: filterOptions(tree.data, this.communityId), grantLabels: this.grantable.map((o) => o.label) });
    }
    const filter = this.data.filters[this.data.filterIndex];
    const page = await listMembers(this.communityId, filter ? filter.filter : {});
    if (!page.ok) {
      this.setData({ loading: false, loadError: page.error.message });
      return;
    }
    this.members = page.data.items;
    this.setData({ loading: false, rows: this.members.map((m) => memberRow(m, this.myRoles, this.names)), nextCursor: page.data.nextCursor || '' });
  },

  async loadMore() {
    if (!this.data.nextCursor || this.data.loading || this.data.loadingMore) return;
    this.setData({ loadingMore: true });
    const filter = this.data.filters[this.data.filterIndex];
    const page = await listMembers(this.communityId, filter ? filter.filter : {}, this.data.nextCursor);
    if (!page.ok) {
      this.setData({ loadingMore: false });
      wx.showToast({ title: page.error.message, icon: 'none' });
      return;
    }
    // Appends one page (at most 20) by index.
    const start = this.members.length;
    this.members = [...this.members, ...page.data.items];
    const patch: Record<string, unknown> = { loadingMore: false, nextCursor: page.data.nextCursor || '' };
    page.data.items.forEach((m, i) => {
      patch[`rows[${start + i}]`] = memberRow(m, this.myRoles, this.names);
    });
    this.setData(patch);
  },

  onFilterChange(e: WechatMiniprogram.CustomEvent<{ value: string | number }>) {
    const index = Number(e.detail.value) || 0;
    if (index === this.data.filterIndex) return;
    this.setData({ filterIndex: index, rows: [], nextCursor: '', message: '' });
    void this.load();
  },

  /** The picker under a member: grant the chosen role. */
  onGrant(e: WechatMiniprogram.PickerChange) {
    const index = Number(e.currentTarget.dataset.index);
    const option = this.grantable[Number(e.detail.value)];
    const member = this.members[index];
    if (!option || !member || this.data.busy) return;
    if (hasRole(member.roles, option.role)) {
      this.setData({ message: `${member.displayName} 已经是${option.label}` });
      return;
    }
    void this.change(index, 'assign', option.role, option.label);
  },

  onRevoke(e: WechatMiniprogram.TouchEvent) {
    const index = Number(e.currentTarget.dataset.index);
    const member = this.members[index];
    const role = member ? member.roles[Number(e.currentTarget.dataset.role)] : undefined;
    if (!member || !role || this.data.busy) return;
    const row = this.data.rows[index];
    const label = row.roles[Number(e.currentTarget.dataset.role)].text;
    wx.showModal({
      title: '撤销角色',
      content: `确定撤销 ${member.displayName} 的${label}角色吗？`,
      confirmText: '撤销',
      cancelText: '再想想',
      success: (res) => {
        if (res.confirm) void this.change(index, 'revoke', role, label);
      },
    });
  },

  async change(index: number, change: 'assign' | 'revoke', role: Role, label: string) {
    const member = this.members[index];
    this.setData({ busy: true, message: '' });
    const done = change === 'assign' ? await assignRole(member.openid, role) : await revokeRole(member.openid, role);
    if (!done.ok) {
      this.setData({ busy: false });
      wx.showToast({ title: done.error.message, icon: 'none' });
      return;
    }
    const updated: Member = { ...member, roles: done.data.roles };
    this.members = this.members.map((m, i) => (i === index ? updated : m));
    this.setData({
      busy: false,
      [`rows[${index}]`]: memberRow(updated, this.myRoles, this.names),
      message: change === 'assign' ? `已将 ${member.displayName} 设为${label}` : `已撤销 ${member.displayName} 的${label}角色`,
    });
  },
});
