import { SIGNUP_STATUS_NAMES } from '../../../../domain/activities';
import { shanghaiMinute } from '../../../../domain/attendance';
import { ITEM_KIND_NAMES } from '../../../../domain/circle';
import { CLAIM_STATE_NAMES, REGISTRATION_STATE_NAMES, TASK_KIND_NAMES } from '../../../../domain/members/model';
import { ExportItem } from '../../../../domain/people';
import { RequestContext } from '../../../../server/kit/router';
import { pseudonymiseCreatorOfActivities } from '../../../../server/repositories/activities';
import { auditAbout, pseudonymiseAuditOf } from '../../../../server/repositories/audit-log';
import { bindingsOfPerson, endBindingsOf } from '../../../../server/repositories/bindings';
import { bookingsOfPerson, pseudonymiseBookingsOf } from '../../../../server/repositories/bookings';
import { commentsOfAuthor } from '../../../../server/repositories/comments';
import { entriesOf, pseudonymiseEntriesOf } from '../../../../server/repositories/hours-ledger';
import { forgetKeysOf } from '../../../../server/repositories/idempotency-keys';
import { notificationsOf, removeNotificationsOf } from '../../../../server/repositories/notifications';
import { postsOfAuthor } from '../../../../server/repositories/posts';
import { likesOf, removeReadsOf } from '../../../../server/repositories/reactions';
import { pseudonymiseReportsOf, reportsBy } from '../../../../server/repositories/reports';
import { pseudonymiseCreatorOfItems } from '../../../../server/repositories/service-items';
import { pseudonymiseCreatorOfPoints } from '../../../../server/repositories/service-points';
import { pseudonymiseSignupsOf, signupsOfPerson } from '../../../../server/repositories/signups';
import { bodiesWithMember, leaveBodies } from '../../../../server/repositories/council-bodies';
import { demandsOfPerson, pseudonymiseDemandsOf } from '../../../../server/repositories/demand-people';
import { eraseMemberDataOf, memberRecordsOf } from '../../../../server/repositories/member-people';
import { pseudonymiseProposerOf, topicsProposedBy } from '../../../../server/repositories/council-topics';
import { councilCommentsOf, eraseCouncilCommentsOf } from '../../../../server/repositories/council-comments';
import { pseudonymiseOrganiserOf } from '../../../../server/repositories/council-meetings';
import { pseudonymiseReporterOf } from '../../../../server/repositories/council-projects';
import { objectionsBy, pseudonymiseObjectorOf } from '../../../../server/repositories/council-objections';
import { consentsOf, removeConsentsOf } from '../../../../server/repositories/subscriptions';
import { getUser } from '../../../../server/repositories/users';
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
 * One kind of personal data the product holds. `read`: the person's records, at most `limit`
 * (the export asks for one more than it shows, to tell whether there are more). `erase`: what
 * deleting the account does to them; entries erase in the order of this list, and the user document
 * itself goes last (see delete-account.ts).
 */
export interface PersonalDataSource {
  key: string;
  title: string;
  read(openid: string, limit: number): Promise<ExportItem[]>;
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
    read: async (openid) => {
      const user = await getUser(openid);
      if (!user) return [];
      const parts = [user.displayName, user.realName, user.phone, user.birthYear ? `${user.birthYear} 年生` : null].filter((x) => !!x);
      return [item(user, user.createdAt, parts.join(' · '))];
    },
    // The user document goes last, after everything that reads it.
    erase: async () => undefined,
  },
  {
    key: 'bindings',
    title: '楼组绑定',
    read: async (openid, limit) =>
      (await bindingsOfPerson(openid, limit)).map((b) =>
        item(b, b.createdAt, `${b.room} 室 · ${{ pending: '审核中', approved: '已通过', rejected: '未通过', superseded: '已替换' }[b.status]}`, ['reviewedBy']),
      ),
    erase: (p) => endBindingsOf(p.openid, p.pseudonym),
  },
  {
    key: 'signups',
    title: '活动报名',
    read: async (openid, limit) =>
      (await signupsOfPerson(openid, { limit })).map((s) =>
        item(s, s.createdAt, `${SIGNUP_STATUS_NAMES[s.status]} · 报名于 ${shanghaiMinute(s.createdAt)}${s.hours ? ` · ${s.hours} 小时` : ''}`, ['firstAnswer']),
      ),
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
    read: async (openid, limit) =>
      (await bookingsOfPerson(openid, { after: null, limit })).map((b) =>
        item(b, b.createdAt, `${b.itemName} · ${shanghaiMinute(b.startAt)} · ${{ booked: '已预约', cancelled: '已取消', completed: '已完成' }[b.status]}`, ['redeemedBy']),
      ),
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
    read: async (openid, limit) => (await postsOfAuthor(openid, limit)).map((d) => item(d, d.createdAt, `${ITEM_KIND_NAMES[d.kind]} · ${excerpt(d.title ?? d.content)}`, ['moderatedBy'])),
    erase: (p) => anonymiseCircle(p),
  },
  {
    key: 'comments',
    title: '我的评论',
    read: async (openid, limit) => (await commentsOfAuthor(openid, limit)).map((d) => item(d, d.createdAt, excerpt(d.content), ['moderatedBy'])),
    // Done with the posts (anonymiseCircle), which need the published comments' counts first.
    erase: async () => undefined,
  },
  {
    key: 'likes',
    title: '我的点赞',
    read: async (openid, limit) => (await likesOf(openid, limit)).map((d) => item(d, d.at, `点赞于 ${shanghaiMinute(d.at)}`)),
    erase: async (p) => (await removeLikes(p.openid)) + (await removeReadsOf(p.openid)),
  },
  {
    key: 'reports',
    title: '我的举报',
    read: async (openid, limit) => (await reportsBy(openid, limit)).map((d) => item(d, d.createdAt, `${d.reason} · ${d.status === 'open' ? '处理中' : '已处理'}`, ['closedBy'])),
    erase: (p) => pseudonymiseReportsOf(p.openid, p.pseudonym),
  },
  {
    key: 'hours',
    title: '志愿时长与积分',
    read: async (openid, limit) => (await entriesOf(openid, limit)).map((d) => item(d, d.at, `${d.month} · ${d.hours} 小时 · ${d.points} 积分`)),
    // The hours stay in the community's totals, without the person.
    erase: (p) => pseudonymiseEntriesOf(p.openid, p.pseudonym),
  },
  {
    key: 'demands',
    title: '我的诉求',
    read: async (openid, limit) =>
      (await demandsOfPerson(openid, limit)).map((d) => item(d, d.createdAt, `${d.categoryName} · ${excerpt(d.text)}`, ['handler', 'handlerName', 'followers', 'meToo', 'timeline'])),
    // Demands stay on the ledger and in the rates, without the person.
    erase: (p) => pseudonymiseDemandsOf(p.openid, p.pseudonym, 500),
  },
  {
    key: 'members',
    title: '党员报到、服务与微心愿',
    read: async (openid, limit) => {
      const { registrations, claims, wishes, stars } = await memberRecordsOf(openid, limit);
      return [
        ...registrations.map((d) => item(d, d.createdAt, `报到 · ${d.workUnit} · ${REGISTRATION_STATE_NAMES[d.state]}`)),
        ...claims.map((d) => item(d, d.createdAt, `${TASK_KIND_NAMES[d.kind]} · ${excerpt(d.title)} · ${CLAIM_STATE_NAMES[d.state]}${d.hours ? ` · ${d.hours} 小时` : ''}`, ['swapTo', 'swappedFrom'])),
        // A wish a building leader posted for a neighbour is the neighbour's: the leader sees that they posted it, not the neighbour.
        ...wishes.map((d) => item(d, d.createdAt, `微心愿 · ${excerpt(d.title)}`, d.wisher?.openid === openid ? [] : ['wisher'])),
        ...stars.map((d) => item(d, d.updatedAt, `${d.year} 年岗位评星 · ${d.stars} 星`)),
      ];
    },
    // Verified service stays in the community's totals, without the person; live claims give their places back.
    erase: (p) => eraseMemberDataOf(p.openid, p.pseudonym, p.ctx.now, ERASE_BOUND),
  },
  {
    key: 'council',
    title: '议事协商',
    read: async (openid, limit) => [
      ...(await bodiesWithMember(openid, limit)).map((d) => item(d, d.createdAt, `${d.name} · ${d.convener === openid ? '召集人' : '成员'}`, ['members', 'convener'])),
      ...(await topicsProposedBy(openid, limit)).map((d) => item(d, d.createdAt, `提出议题：${excerpt(d.title)}`)),
      ...(await councilCommentsOf(openid, limit)).map((d) => item(d, d.createdAt, `议题评论：${excerpt(d.content)}`, ['moderatedBy'])),
      ...(await objectionsBy(openid, limit)).map((d) => item(d, d.createdAt, `评优异议：${excerpt(d.reason)}`)),
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
    read: async (openid, limit) => (await consentsOf(openid, limit)).map((d) => item(d, d.updatedAt, `${d.kind} · 还可发送 ${d.remaining} 次`)),
    erase: (p) => removeConsentsOf(p.openid),
  },
  {
    key: 'notifications',
    title: '发给我的通知',
    read: async (openid, limit) =>
      (await notificationsOf(openid, limit)).map((d) => item(d, d.at, `${d.kind} · ${{ sent: '已发送', 'no-consent': '未订阅，未发送', refused: '被拒收', failed: '发送失败' }[d.status]}`)),
    erase: async (p) => (await removeNotificationsOf(p.openid)) + (await forgetKeysOf(p.openid)),
  },
  {
    key: 'audit',
    title: '与我有关的操作记录',
    read: async (openid, limit) =>
      (await auditAbout(openid, limit)).map((d) => ({
        ...item(d, d.at, `${AUDIT_NAMES[d.action] ?? d.action} · ${d.actor === openid ? '本人操作' : '工作人员操作'}`, d.actor === openid ? [] : ['actor']),
      })),
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
