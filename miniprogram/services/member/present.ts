/**
 * How a task, a claim, a registration, a wish and a member's year read to people (pure: no calls, so
 * views and their tests use it as it is). Times read in Shanghai. What a member may do with a claim
 * follows the function's own rules (domain CLAIM_MOVES): a shift is scanned in and out, a wish gets a
 * note and a photo, a governance task either (a claim does not carry whether its task has a time and
 * place, so the function's own words answer a scan of one that has none).
 */
import { CLAIM_STATE_NAMES, POST_NAMES, REGISTRATION_STATE_NAMES, TASK_KIND_NAMES, mayMove, shanghaiClock } from '../../generated/domain';
import { shanghaiDateTime } from '../../utils/time';
import type { Claim, MyWish, Registration, StarRecord, Task, YearLine } from './types';

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));
const clock = (iso: string) => {
  const t = shanghaiClock(Date.parse(iso));
  return `${pad(t.hour)}:${pad(t.minute)}`;
};
const date = (iso: string) => {
  const t = shanghaiClock(Date.parse(iso));
  return `${t.month}月${t.day}日`;
};

/** "12月7日 07:00–09:00", "12月7日 20:00–12月8日 02:00", or '' without a time. */
export function whenText(startAt: string | null, endAt: string | null): string {
  if (!startAt) return '';
  if (!endAt) return `${date(startAt)} ${clock(startAt)}`;
  const sameDay = date(startAt) === date(endAt);
  return `${date(startAt)} ${clock(startAt)}–${sameDay ? '' : `${date(endAt)} `}${clock(endAt)}`;
}

/** 已满, or the places left of how many. */
export function placesText(t: Pick<Task, 'places' | 'placesLeft'>): { text: string; full: boolean } {
  if (t.placesLeft <= 0) return { text: '已满', full: true };
  return { text: `还剩 ${t.placesLeft} 个名额（共 ${t.places} 个）`, full: false };
}

/** Whether a member could take a place now: open, a place left, before the deadline and the start (an activity's shift is signed up for in 活动). */
export function claimableNow(t: Task, now: number): boolean {
  if (t.kind === 'event' || t.state !== 'open' || t.placesLeft <= 0) return false;
  if (t.claimBy && Date.parse(t.claimBy) <= now) return false;
  return !t.startAt || Date.parse(t.startAt) > now;
}

export interface TaskRow {
  id: string;
  kind: Task['kind'];
  kindText: string;
  title: string;
  place: string;
  when: string;
  /** "认领截止 12月7日 07:00". */
  deadline: string;
  places: string;
  full: boolean;
  claimable: boolean;
  /** For an activity's volunteer shift: where to sign up. */
  activityId: string;
}

/** A task as one row of 任务大厅: no resident's name, phone or room, ever. */
export function taskRow(t: Task, now: number): TaskRow {
  const places = placesText(t);
  return {
    id: t.id,
    kind: t.kind,
    kindText: TASK_KIND_NAMES[t.kind],
    title: t.title,
    place: t.place || '',
    when: whenText(t.startAt, t.endAt),
    deadline: t.claimBy ? `认领截止 ${date(t.claimBy)} ${clock(t.claimBy)}` : '',
    places: places.text,
    full: places.full,
    claimable: claimableNow(t, now),
    activityId: t.activityId || '',
  };
}

export interface TaskDetail extends TaskRow {
  note: string;
  /** "约 1.5 小时" (a task without check-in), '' for a shift (its hours are the stay). */
  hours: string;
  /** The wish's resident, for the member who claimed it: "王阿婆 · 3号楼 302"; '' otherwise. */
  wisher: string;
}

export function taskDetail(t: Task, now: number): TaskDetail {
  const w = t.wisher;
  const wisher = w ? [w.displayName, [w.building, w.room].filter(Boolean).join(' ')].filter(Boolean).join(' · ') : '';
  return { ...taskRow(t, now), note: t.note, hours: t.hours !== null && t.kind !== 'shift' ? `约 ${t.hours} 小时` : '', wisher };
}

/** 进行中, 待核实, 已完成, 已结束: the groups of 我的任务. */
export type ClaimGroup = 'live' | 'waiting' | 'done' | 'closed';
export const CLAIM_GROUP_NAMES: Record<ClaimGroup, string> = { live: '进行中', waiting: '待核实', done: '已完成', closed: '已结束' };
const GROUP_OF: Record<Claim['state'], ClaimGroup> = { claimed: 'live', checkedIn: 'live', submitted: 'waiting', verified: 'done', rejected: 'closed', cancelled: 'closed' };

export interface ClaimRow {
  id: string;
  taskId: string;
  title: string;
  kindText: string;
  state: Claim['state'];
  stateText: string;
  group: ClaimGroup;
  /** "签到 07:02 · 签退 09:01", "1.5 小时 · 20 积分", the reason it was sent back… */
  detail: string;
  /** The swap I asked, until the other member accepts. */
  swapAsked: boolean;
  canCancel: boolean;
  canCheckin: boolean;
  canCheckout: boolean;
  canProof: boolean;
  canSwap: boolean;
}

/** One claim of 我的任务, with exactly the moves the function would take from its state. */
export function claimRow(c: Claim): ClaimRow {
  const onSite = c.kind === 'shift' || c.kind === 'task';
  const parts: string[] = [];
  if (c.checkinAt) parts.push(`签到 ${clock(c.checkinAt)}`);
  if (c.checkoutAt) parts.push(`签退 ${clock(c.checkoutAt)}`);
  if (c.state === 'verified') parts.push(`${c.hours ?? 0} 小时 · ${c.points ?? 0} 积分`);
  if (c.state === 'rejected' && c.reason) parts.push(`未通过：${c.reason}`);
  if (c.state === 'submitted' && c.note) parts.push(`服务记录：${c.note}`);
  return {
    id: c.id,
    taskId: c.taskId,
    title: c.title,
    kindText: TASK_KIND_NAMES[c.kind],
    state: c.state,
    stateText: CLAIM_STATE_NAMES[c.state],
    group: GROUP_OF[c.state],
    detail: parts.join(' · '),
    swapAsked: c.swapTo !== null && c.state === 'claimed',
    canCancel: mayMove('cancel', c.state),
    canCheckin: onSite && mayMove('checkin', c.state),
    canCheckout: onSite && mayMove('checkout', c.state),
    canProof: c.kind !== 'shift' && c.kind !== 'event' && mayMove('submitProof', c.state),
    canSwap: c.kind === 'shift' && c.state === 'claimed' && c.swapTo === null,
  };
}

export interface RegistrationView {
  state: Registration['state'] | 'none';
  stateText: string;
  workUnit: string;
  branch: string;
  /** "垃圾分类督导队 · 督导员". */
  team: string;
  reason: string;
  /** "2026年12月12日 10:00 前审核" while pending. */
  reviewBy: string;
  skills: string;
  serveTimes: string;
}

export function registrationView(r: Registration | null): RegistrationView {
  if (!r) return { state: 'none', stateText: '未报到', workUnit: '', branch: '', team: '', reason: '', reviewBy: '', skills: '', serveTimes: '' };
  return {
    state: r.state,
    stateText: r.state === 'approved' ? '已通过' : REGISTRATION_STATE_NAMES[r.state],
    workUnit: r.workUnit,
    branch: r.branch,
    team: [r.teamName, r.post ? POST_NAMES[r.post] : null].filter(Boolean).join(' · '),
    reason: r.state === 'rejected' ? r.reason || '' : '',
    reviewBy: r.state !== 'pending' ? '' : r.overdue ? '已超过 7 天审核期限，可以联系居委会询问' : `居委会将在 ${shanghaiDateTime(r.reviewDueAt)} 前审核`,
    skills: r.skills.join('、'),
    serveTimes: r.serveTimes.join('、'),
  };
}

export interface WishRow {
  id: string;
  title: string;
  note: string;
  stateText: string;
  /** Why the committee did not publish it. */
  reason: string;
  /** What the member wrote when they said it was done. */
  proof: string;
  claimId: string;
  canConfirm: boolean;
  canRate: boolean;
  posted: string;
}

/** One of my 微心愿: where it stands, and whether it waits on my 确认 or my rating. */
export function wishRow(w: MyWish): WishRow {
  const { task, claim } = w;
  let stateText = '等待党员认领';
  if (task.state === 'vetting') stateText = '居委会审核中';
  else if (task.state === 'rejected') stateText = '未发布';
  else if (task.state === 'fulfilled' || claim?.state === 'verified') stateText = '已实现';
  else if (claim?.state === 'submitted') stateText = '党员已完成，请你确认';
  else if (claim) stateText = '党员已认领，正在办理';
  return {
    id: task.id,
    title: task.title,
    note: task.note,
    stateText,
    reason: task.state === 'rejected' ? task.reason || '' : '',
    proof: claim && claim.note && claim.state !== 'claimed' ? claim.note : '',
    claimId: claim ? claim.id : '',
    canConfirm: claim?.state === 'submitted',
    canRate: task.state === 'fulfilled' || claim?.state === 'verified',
    posted: shanghaiDateTime(task.createdAt),
  };
}

export interface YearCell {
  id: string;
  name: string;
  value: string;
}

/** ★★★☆☆ for 3. */
export const starText = (n: number) => '★'.repeat(Math.max(0, Math.min(5, n))) + '☆'.repeat(Math.max(0, 5 - n));

const STARS_STATE_NAMES: Record<StarRecord['state'], string> = { draft: '未评定', posted: '公示中', objected: '有异议，待重新评定', final: '已评定' };

/** A member's year as the record page shows it. */
export function yearCells(line: YearLine, stars: StarRecord | null): YearCell[] {
  const rating = line.rating !== null ? `${line.rating} 分（${line.ratings} 次评价）` : '暂无评价';
  const star = stars && stars.state !== 'draft' ? `${starText(stars.stars)} ${STARS_STATE_NAMES[stars.state]}（${stars.score} 分）` : line.stars !== null ? starText(line.stars) : '未评定';
  return [
    { id: 'hours', name: '服务时长', value: `${line.hours} 小时` },
    { id: 'points', name: '积分', value: `${line.points}` },
    { id: 'tasks', name: '完成任务', value: `${line.tasks} 项` },
    { id: 'wishes', name: '实现微心愿', value: `${line.wishes} 个` },
    { id: 'rating', name: '居民评价', value: rating },
    { id: 'stars', name: '岗位星级', value: star },
  ];
}
