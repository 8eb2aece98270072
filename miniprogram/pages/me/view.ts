/** Turns what the API answers into what the "我的" page shows (pure, so the page stays thin). */
import { Binding, PRIVACY_VERSION, Profile, ROLE_NAMES, committeeCommunities, isAdmin } from '../../generated/domain';
import { BuildingOption, CommunityOption } from '../../components/binding-form/type';
import { Tree } from '../../services/user/user';
import { shanghaiDateTime } from '../../utils/time';

const STATUS_NAMES: Record<Profile['status'], string> = { resident: '居民', visitor: '访客' };
const BINDING_STATUS_NAMES: Record<Binding['status'], string> = {
  pending: '审核中',
  approved: '已通过',
  rejected: '未通过',
  superseded: '已替换',
};

export interface ProfileView {
  name: string;
  initial: string;
  avatar: string;
  status: string;
  roles: string[];
}

export interface HomeView {
  building: string;
  grid: string;
  community: string;
  street: string;
  room: string;
}

export interface RequestView {
  status: Binding['status'];
  statusText: string;
  building: string;
  grid: string;
  room: string;
  submittedAt: string;
  reason: string;
}

export function profileView(p: Profile): ProfileView {
  const roles = p.roles.map((r) => ROLE_NAMES[r.role]).filter((name, i, all) => all.indexOf(name) === i);
  return { name: p.displayName, initial: [...p.displayName][0] || '邻', avatar: p.avatar || '', status: STATUS_NAMES[p.status], roles };
}

export function homeView(p: Profile): HomeView | null {
  if (!p.building || !p.grid || !p.community) return null;
  return { building: p.building.name, grid: p.grid.name, community: p.community.name, street: p.street ? p.street.name : '', room: p.room || '' };
}

export function requestView(b: Binding | null): RequestView | null {
  if (!b) return null;
  return {
    status: b.status,
    statusText: BINDING_STATUS_NAMES[b.status],
    building: b.building.name,
    grid: b.grid.name,
    room: b.room,
    submittedAt: shanghaiDateTime(b.createdAt),
    reason: b.status === 'rejected' && b.reason ? b.reason : '',
  };
}

/** A visitor without a request in review gets the form; so does anyone whose request was turned down. */
export function needsBindingForm(p: Profile): boolean {
  if (p.status === 'resident') return false;
  return !p.latestBinding || p.latestBinding.status === 'rejected';
}

/** "12号楼" after "2号楼": by the leading number, then by name. */
function byBuildingNumber(a: { name: string }, b: { name: string }): number {
  const n = (s: string) => parseInt(s, 10);
  const [x, y] = [n(a.name), n(b.name)];
  if (!Number.isNaN(x) && !Number.isNaN(y) && x !== y) return x - y;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** `tree({})`: the communities, each labelled with its street. */
export function communityOptions(tree: Tree): CommunityOption[] {
  const streets = new Map(tree.units.filter((u) => u.kind === 'street').map((u) => [u.id, u.name]));
  return tree.units
    .filter((u) => u.kind === 'community' && !u.archived)
    .map((u) => {
      const street = u.parentId ? streets.get(u.parentId) : undefined;
      return { id: u.id, label: street ? `${u.name} · ${street}` : u.name };
    });
}

/** `tree({ communityId })`: its buildings, each labelled with its grid. */
export function buildingOptions(tree: Tree): BuildingOption[] {
  const grids = new Map(tree.units.filter((u) => u.kind === 'grid').map((u) => [u.id, u.name]));
  return tree.units
    .filter((u) => u.kind === 'building' && !u.archived)
    .sort(byBuildingNumber)
    .map((u) => {
      const grid = u.parentId ? grids.get(u.parentId) : undefined;
      return { id: u.id, label: grid ? `${u.name} · ${grid}` : u.name };
    });
}

/** The committee's workbench (packageCommittee) is offered only to committee members and admins. */
export function canOpenWorkbench(p: Profile): boolean {
  return isAdmin(p.roles) || committeeCommunities(p.roles).length > 0;
}

export interface InfoView {
  /** "张阿姨 · 138****1234 · 1956 年生", or what is still missing. */
  summary: string;
  realName: string;
  phone: string;
  birthYear: string;
  /** Saving personal data needs the current privacy notice accepted first. */
  needsPrivacy: boolean;
}

export function infoView(p: Profile): InfoView {
  const parts = [p.realName, p.phone, p.birthYear ? `${p.birthYear} 年生` : null].filter((x): x is string => !!x);
  return {
    summary: parts.length > 0 ? parts.join(' · ') : '未填写：填写出生年份后可预约面向 60 岁以上居民的服务',
    realName: p.realName || '',
    phone: p.phone || '',
    birthYear: p.birthYear ? String(p.birthYear) : '',
    needsPrivacy: !p.privacy || p.privacy.version !== PRIVACY_VERSION,
  };
}

export interface LinkView {
  id: string;
  text: string;
  url: string;
}

/** Where 我的 leads: everyone's own records, then the work pages of the roles I hold. */
export function linksView(p: Profile): LinkView[] {
  const links: LinkView[] = [
    { id: 'activities', text: '我的活动', url: '/pages/my-activities/my-activities' },
    { id: 'hours', text: '我的时长与积分', url: '/pages/my-hours/my-hours' },
    { id: 'bookings', text: '我的预约', url: '/pages/my-bookings/my-bookings' },
    { id: 'data', text: '我的数据（查看、导出、注销）', url: '/pages/my-data/my-data' },
  ];
  // 诉求: a resident (or a mobile grid worker on their rounds) reports; the building's ledger is everyone's to read.
  if (p.building || p.roles.some((r) => r.role === 'mobileGridWorker')) links.push({ id: 'report', text: '我要反映', url: '/packageDemand/pages/report/report' });
  links.push({ id: 'demands', text: '我的诉求', url: '/packageDemand/pages/mine/mine' });
  if (p.building) links.push({ id: 'ledger', text: '本楼诉求台账', url: '/packageDemand/pages/ledger/ledger' });
  if (p.community) links.push({ id: 'council', text: '议事协商', url: '/packageCouncil/pages/topics/topics' });
  // 在职党员: anyone living here may report for duty; approved members get the hall, their tasks and their record. 微心愿 for every resident.
  if (p.roles.some((r) => r.role === 'partyMember')) {
    links.push({ id: 'memberHall', text: '任务大厅', url: '/packageMember/pages/hall/hall' });
    links.push({ id: 'memberTasks', text: '我的任务', url: '/packageMember/pages/mine/mine' });
    links.push({ id: 'memberRecord', text: '我的服务记录与星级', url: '/packageMember/pages/record/record' });
  }
  if (p.building) links.push({ id: 'memberRegister', text: '党员报到', url: '/packageMember/pages/register/register' });
  if (p.building) links.push({ id: 'wish', text: '微心愿', url: '/packageMember/pages/wish/wish' });
  if (p.roles.some((r) => r.role === 'gridWorker')) links.push({ id: 'inbox', text: '网格工作台', url: '/packageDemand/pages/inbox/inbox' });
  if (p.roles.some((r) => r.role === 'provider')) links.push({ id: 'redeem', text: '服务核销', url: '/packageProvider/pages/redeem/redeem' });
  if (canOpenWorkbench(p)) links.push({ id: 'workbench', text: '居委会工作台', url: '/packageCommittee/pages/workbench/workbench' });
  return links;
}
