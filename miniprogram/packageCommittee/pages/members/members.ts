/**
 * 居民名单 (committee): the community's members, 20 a page, by grid or building, with masked
 * phones and their roles; a role of my community can be granted from a picker of the roles the
 * committee may grant, or taken away (after a confirmation).
 */
import { Result, Role } from '../../../generated/domain';
import { ListData, listData, listEvents, loadFirst, loadMore } from '../../../utils/paged-list/paged-list';
import { Member, MemberFilter, Tree, assignRole, communityTree, listMembers, myDesk, revokeRole } from '../../services/community';
import { FilterOption, MemberRow, RoleOption, filterOptions, grantableRoles, hasRole, memberRow, placeNames } from './view';

interface MembersData extends ListData<MemberRow> {
  elder: boolean;
  filters: FilterOption[];
  filterIndex: number;
  /** Labels of the roles I may grant, for the picker. */
  grantLabels: string[];
  busy: boolean;
  message: string;
}

const initialData: MembersData = {
  ...listData<MemberRow>(),
  elder: false,
  filters: [],
  filterIndex: 0,
  grantLabels: [],
  busy: false,
  message: '',
};

Page({
  data: initialData,
  ...listEvents,

  communityId: '',
  myRoles: [] as Role[],
  names: new Map<string, string>(),
  grantable: [] as RoleOption[],
  /** The members on screen, in the rows' order, with their roles as the function gave them. */
  members: [] as Member[],

  async load() {
    const first = async () => {
      const setUp = this.communityId ? null : await this.setUp();
      return setUp && !setUp.ok ? setUp : listMembers(this.communityId, this.filter());
    };
    const items = await loadFirst(this, first, (members) => members.map((m) => this.row(m)));
    if (items) this.members = items;
  },

  async loadMore() {
    const items = await loadMore(
      this,
      (cursor) => listMembers(this.communityId, this.filter(), cursor),
      (members) => members.map((m) => this.row(m)),
    );
    if (items) this.members = [...this.members, ...items];
  },

  /** My desk and the community's places, the first time: the filters and the roles I may grant. */
  async setUp(): Promise<Result<Tree>> {
    const desk = await myDesk();
    if (!desk.ok) return desk;
    const tree = await communityTree(desk.data.communityId);
    if (!tree.ok) return tree;
    this.communityId = desk.data.communityId;
    this.myRoles = desk.data.roles;
    this.names = placeNames(tree.data);
    this.grantable = grantableRoles(this.myRoles, this.communityId, tree.data);
    this.setData({ filters: filterOptions(tree.data, this.communityId), grantLabels: this.grantable.map((o) => o.label) });
    return tree;
  },

  filter(): MemberFilter {
    const option = this.data.filters[this.data.filterIndex];
    return option ? option.filter : {};
  },

  row(member: Member): MemberRow {
    return memberRow(member, this.myRoles, this.names);
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
      [`rows[${index}]`]: this.row(updated),
      message: change === 'assign' ? `已将 ${member.displayName} 设为${label}` : `已撤销 ${member.displayName} 的${label}角色`,
    });
  },
});
