import { SIGNUP_STATUS_NAMES } from '../../../../domain/activities';
import { shanghaiMinute } from '../../../../domain/attendance';
import { ITEM_KIND_NAMES } from '../../../../domain/circle';
import { CLAIM_STATE_NAMES, REGISTRATION_STATE_NAMES, TASK_KIND_NAMES } from '../../../../domain/members/model';
import { ExportItem } from '../../../../domain/people';
import { RequestContext } from '../../../../server/kit/router';
import { pseudonymiseCreatorOfActivities } from '../../../../server/repositories/activities';
import { auditAboutRead, pseudonymiseAuditOf } from '../../../../server/repositories/audit-log';
import { bindingsOfPersonRead, endBindingsOf } from '../../../../server/repositories/bindings';
import { bookingsOfPersonRead, pseudonymiseBookingsOf } from '../../../../server/repositories/bookings';
import { commentsOfAuthorRead } from '../../../../server/repositories/comments';
import { entriesOfRead, pseudonymiseEntriesOf } from '../../../../server/repositories/hours-ledger';
import { forgetKeysOf } from '../../../../server/repositories/idempotency-keys';
import { notificationsOfRead, removeNotificationsOf } from '../../../../server/repositories/notifications';
import { postsOfAuthorRead } from '../../../../server/repositories/posts';
import { likesOfRead, removeReadsOf } from '../../../../server/repositories/reactions';
import { pseudonymiseReportsOf, reportsByRead } from '../../../../server/repositories/reports';
import { pseudonymiseCreatorOfItems } from '../../../../server/repositories/service-items';
import { pseudonymiseCreatorOfPoints } from '../../../../server/repositories/service-points';
import { pseudonymiseSignupsOf, signupsOfPersonRead } from '../../../../server/repositories/signups';
import { bodiesWithMemberRead, leaveBodies } from '../../../../server/repositories/council-bodies';
import { demandsOfPersonRead, pseudonymiseDemandsOf } from '../../../../server/repositories/demand-people';
import { eraseMemberDataOf, memberRecordsReads } from '../../../../server/repositories/member-people';
import { pseudonymiseProposerOf, topicsProposedByRead } from '../../../../server/repositories/council-topics';
import { councilCommentsOfRead, eraseCouncilCommentsOf } from '../../../../server/repositories/council-comments';
import { pseudonymiseOrganiserOf } from '../../../../server/repositories/council-meetings';
import { pseudonymiseReporterOf } from '../../../../server/repositories/council-projects';
import { objectionsByRead, pseudonymiseObjectorOf } from '../../../../server/repositories/council-objections';
import { consentsOfRead, removeConsentsOf } from '../../../../server/repositories/subscriptions';
import type { Lookup, PersonalRead } from '../../../../server/repositories/docs';
import type { UserDoc } from '../../../../server/repositories/users';
import { anonymiseCircle, releaseBookings, releaseSignups, removeLikes } from './erase-circle-and-seats';
import { excerpt, item } from './export-items';

/** An account being deleted: who they were, the pseudonym that replaces them where records stay, and their choice for their posts. */
export interface Erasure {
  ctx: RequestContext;
  openid: string;
  pseudonym: string;
  posts: 'anonymise' | 'remove';
  /** What was released and changed, for the answer. */
  counts: { signups: number; bookings: number; posts: number; comments: number };
}

/**
 * What the export reads of one kind of data: a lookup of the aggregation that starts from the
 * person's user document (none for the document itself), and the lines it makes of what was found.
 */
export interface ExportPart {
  lookup?: (as: string) => Lookup;
  items(raw: unknown[], user: UserDoc): ExportItem[];
}

/** A repository's PersonalRead shown as export lines. */
function shown<T>(read: PersonalRead<T>, show: (doc: T) => ExportItem): ExportPart {
  return { lookup: read.lookup, items: (raw) => read.parse(raw).map(show) };
}

/**
 * One kind of personal data the product holds. `parts`: the reads of the person's records, each at
 * most `limit` (the export asks for one more than it shows, to tell whether there are more), all
 * made in one aggregation (export-mine.ts). `erase`: what deleting the account does to them;
 * entries erase in the order of this list, and the user document itself goes last
 * (account-erasure.ts).
 */
export interface PersonalDataSource {
  key: string;
  title: string;
  parts(openid: string, limit: number): ExportPart[];
  erase(person: Erasure): Promise<unknown>;
}

/**
 * Everything the product holds about a person, one entry a kind of data: the export shows the
 * sections in this order and the account's deletion erases them in this order. A new domain that
 * stores personal data (residents' demands, say) adds ONE entry here with its repository's
 * `…OfPerson` read and its erasure, and both rights follow.
 */
export const PERSONAL_DATA_SOURCES: readonly PersonalDataSource[] = [
  {
    key: 'profile',
    title: '我的资料',
    // The user document itself, which the export's aggregation starts from.
    parts: () => [
      {
        items: (_raw, user) => {
          const parts = [user.displayName, user.realName, user.phone, user.birthYear ? `${user.birthYear} 年生` : null].filter((x) => !!x);
          return [item(user, user.createdAt, parts.join(' · '))];
        },
      },
    ],
    // The user document goes last, after everything that reads it.
    erase: async () => undefined,
  },
  {
    key: 'bindings',
    title: '楼组绑定',
    parts: (openid, limit) => [
      shown(bindingsOfPersonRead(openid, limit), (b) =>
        item(b, b.createdAt, `${b.room} 室 · ${{ pending: '审核中', approved: '已通过', rejected: '未通过', superseded: '已替换' }[b.status]}`, ['reviewedBy']),
      ),
    ],
    erase: (p) => endBindingsOf(p.openid, p.pseudonym),
  },
  {
    key: 'signups',
    title: '活动报名',
    parts: (openid, limit) => [
      shown(signupsOfPersonRead(openid, limit), (s) =>
        item(s, s.createdAt, `${SIGNUP_STATUS_NAMES[s.status]} · 报名于 ${shanghaiMinute(s.createdAt)}${s.hours ? ` · ${s.hours} 小时` : ''}`, ['firstAnswer']),
      ),
    ],
    // Live signups are cancelled as the person would cancel them (seats back, waitlist promoted) before the rest loses its name.
    erase: async (p) => {
      p.counts.signups = await releaseSignups(p.ctx);
      await pseudonymiseCreatorOfActivities(p.openid, p.pseudonym);
      return pseudonymiseSignupsOf(p.openid, p.pseudonym, ERASE_BOUND);
    },
  },
  {
    key: 'bookings',
    title: '服务预约',
    parts: (openid, limit) => [
      shown(bookingsOfPersonRead(openid, limit), (b) =>
        item(b, b.createdAt, `${b.itemName} · ${shanghaiMinute(b.startAt)} · ${{ booked: '已预约', cancelled: '已取消', completed: '已完成' }[b.status]}`, ['redeemedBy']),
      ),
    ],
    erase: async (p) => {
      p.counts.bookings = await releaseBookings(p.ctx);
      await pseudonymiseCreatorOfItems(p.openid, p.pseudonym);
      await pseudonymiseCreatorOfPoints(p.openid, p.pseudonym);
      return pseudonymiseBookingsOf(p.openid, p.pseudonym, p.posts === 'remove', ERASE_BOUND);
    },
  },
  {
    key: 'posts',
    title: '我发的帖子和公告',
    parts: (openid, limit) => [shown(postsOfAuthorRead(openid, limit), (d) => item(d, d.createdAt, `${ITEM_KIND_NAMES[d.kind]} · ${excerpt(d.title ?? d.content)}`, ['moderatedBy']))],
    erase: (p) => anonymiseCircle(p),
  },
  {
    key: 'comments',
    title: '我的评论',
    parts: (openid, limit) => [shown(commentsOfAuthorRead(openid, limit), (d) => item(d, d.createdAt, excerpt(d.content), ['moderatedBy']))],
    // Done with the posts (anonymiseCircle), which need the published comments' counts first.
    erase: async () => undefined,
  },
  {
    key: 'likes',
    title: '我的点赞',
    parts: (openid, limit) => [shown(likesOfRead(openid, limit), (d) => item(d, d.at, `点赞于 ${shanghaiMinute(d.at)}`))],
    erase: async (p) => (await removeLikes(p.openid, p.ctx.now)) + (await removeReadsOf(p.openid)),
  },
  {
    key: 'reports',
    title: '我的举报',
    parts: (openid, limit) => [shown(reportsByRead(openid, limit), (d) => item(d, d.createdAt, `${d.reason} · ${d.status === 'open' ? '处理中' : '已处理'}`, ['closedBy']))],
    erase: (p) => pseudonymiseReportsOf(p.openid, p.pseudonym),
  },
  {
    key: 'hours',
    title: '志愿时长与积分',
    parts: (openid, limit) => [shown(entriesOfRead(openid, limit), (d) => item(d, d.at, `${d.month} · ${d.hours} 小时 · ${d.points} 积分`))],
    // The hours stay in the community's totals, without the person.
    erase: (p) => pseudonymiseEntriesOf(p.openid, p.pseudonym),
  },
  {
    key: 'demands',
    title: '我的诉求',
    parts: (openid, limit) => [
      shown(demandsOfPersonRead(openid, limit), (d) => item(d, d.createdAt, `${d.categoryName} · ${excerpt(d.text)}`, ['handler', 'handlerName', 'followers', 'meToo', 'timeline'])),
    ],
    // Demands stay on the ledger and in the rates, without the person.
    erase: (p) => pseudonymiseDemandsOf(p.openid, p.pseudonym, 500),
  },
  {
    key: 'members',
    title: '党员报到、服务与微心愿',
    parts: (openid, limit) => {
      const { registrations, claims, wishes, stars } = memberRecordsReads(openid, limit);
      return [
        shown(registrations, (d) => item(d, d.createdAt, `报到 · ${d.workUnit} · ${REGISTRATION_STATE_NAMES[d.state]}`)),
        shown(claims, (d) => item(d, d.createdAt, `${TASK_KIND_NAMES[d.kind]} · ${excerpt(d.title)} · ${CLAIM_STATE_NAMES[d.state]}${d.hours ? ` · ${d.hours} 小时` : ''}`, ['swapTo', 'swappedFrom'])),
        // A wish a building leader posted for a neighbour is the neighbour's: the leader sees that they posted it, not the neighbour.
        shown(wishes, (d) => item(d, d.createdAt, `微心愿 · ${excerpt(d.title)}`, d.wisher?.openid === openid ? [] : ['wisher'])),
        shown(stars, (d) => item(d, d.updatedAt, `${d.year} 年岗位评星 · ${d.stars} 星`)),
      ];
    },
    // Verified service stays in the community's totals, without the person; live claims give their places back.
    erase: (p) => eraseMemberDataOf(p.openid, p.pseudonym, p.ctx.now, ERASE_BOUND),
  },
  {
    key: 'council',
    title: '议事协商',
    parts: (openid, limit) => [
      shown(bodiesWithMemberRead(openid, limit), (d) => item(d, d.createdAt, `${d.name} · ${d.convener === openid ? '召集人' : '成员'}`, ['members', 'convener'])),
      shown(topicsProposedByRead(openid, limit), (d) => item(d, d.createdAt, `提出议题：${excerpt(d.title)}`)),
      shown(councilCommentsOfRead(openid, limit), (d) => item(d, d.createdAt, `议题评论：${excerpt(d.content)}`, ['moderatedBy'])),
      shown(objectionsByRead(openid, limit), (d) => item(d, d.createdAt, `评优异议：${excerpt(d.reason)}`)),
    ],
    // Topics stay (neighbours supported them), without the person; seats on bodies end; comments
    // lose their author, and their text too when the person asked for their posts to go; meetings
    // and progress a committee member recorded stay under the pseudonym.
    erase: async (p) =>
      (await leaveBodies(p.openid)) +
      (await pseudonymiseProposerOf(p.openid, p.pseudonym)) +
      (await eraseCouncilCommentsOf(p.openid, p.pseudonym, p.posts === 'remove', p.ctx.now)) +
      (await pseudonymiseOrganiserOf(p.openid, p.pseudonym)) +
      (await pseudonymiseReporterOf(p.openid, p.pseudonym)) +
      (await pseudonymiseObjectorOf(p.openid, p.pseudonym)),
  },
  {
    key: 'consents',
    title: '订阅消息授权',
    parts: (openid, limit) => [shown(consentsOfRead(openid, limit), (d) => item(d, d.updatedAt, `${d.kind} · 还可发送 ${d.remaining} 次`))],
    erase: (p) => removeConsentsOf(p.openid),
  },
  {
    key: 'notifications',
    title: '发给我的通知',
    parts: (openid, limit) => [
      shown(notificationsOfRead(openid, limit), (d) => item(d, d.at, `${d.kind} · ${{ sent: '已发送', 'no-consent': '未订阅，未发送', refused: '被拒收', failed: '发送失败' }[d.status]}`)),
    ],
    erase: async (p) => (await removeNotificationsOf(p.openid)) + (await forgetKeysOf(p.openid)),
  },
  {
    key: 'audit',
    title: '与我有关的操作记录',
    parts: (openid, limit) => [
      shown(auditAboutRead(openid, limit), (d) => item(d, d.at, `${AUDIT_NAMES[d.action] ?? d.action} · ${d.actor === openid ? '本人操作' : '工作人员操作'}`, d.actor === openid ? [] : ['actor'])),
    ],
    erase: (p) => pseudonymiseAuditOf(p.openid, p.pseudonym),
  },
];

/** At most this many records of each kind are read for an export. */
export const EXPORT_BOUND = 200;
/** At most this many records of a kind are changed one by one when an account is deleted (most changes are one request for all). */
export const ERASE_BOUND = 500;

const AUDIT_NAMES: Record<string, string> = {
  assignRole: '授予角色',
  revokeRole: '撤销角色',
  reviewBinding: '审核楼组绑定',
  unmaskPhones: '查看完整手机号',
  manageUnit: '调整社区结构',
  exportMine: '导出我的数据',
  withdrawConsent: '撤回隐私授权',
  deleteAccount: '注销账号',
};
