/** What the 居委会工作台 shows (pure): its entries, what waits as badges, and the day's summary line. */

export interface Entry {
  title: string;
  note: string;
  url: string;
}

export const REVIEW_LIST = '/packageCommittee/pages/activities/activities';
export const DEMANDS = '/packageDemand/pages/inbox/inbox?scope=community';
export const MODERATION = '/packageCommittee/pages/moderation/moderation';
export const BINDINGS = '/packageCommittee/pages/bindings/bindings';

export const ENTRIES: Entry[] = [
  { title: '诉求待办', note: '居委会层级的诉求，超时的在前', url: DEMANDS },
  { title: '诉求统计', note: '响应率、按期办结率、满意率，超期清单，导出', url: '/packageCommittee/pages/demands/demands' },
  { title: '诉求类别', note: '类别、类型和办理时限', url: '/packageCommittee/pages/demand-categories/demand-categories' },
  { title: '议事协商', note: '议题审查、发起表决、纸质票录入、议事机构', url: '/packageCouncil/pages/desk/desk' },
  { title: '社区活动', note: '发布编辑、报名审核、名单导出、现场签到码', url: REVIEW_LIST },
  { title: '发布公告', note: '全体、指定网格或楼组，可置顶', url: '/packageCommittee/pages/notice/notice' },
  { title: '内容审核', note: '待复核的帖子和评论', url: MODERATION },
  { title: '举报处理', note: '居民举报的内容', url: '/packageCommittee/pages/reports/reports' },
  { title: '楼组绑定申请', note: '新邻居加入楼组', url: BINDINGS },
  { title: '居民名单', note: '按网格、楼组查看，设置角色', url: '/packageCommittee/pages/members/members' },
  { title: '社区架构', note: '网格和楼组，居委会和网格的联系电话', url: '/packageCommittee/pages/units/units' },
  { title: '党员报到审核', note: '在职党员报到，7 天内审核并编入服务队', url: '/packageCommittee/pages/party-review/party-review' },
  { title: '服务队与岗位', note: '服务队，党员的岗位（楼组长、分队长、督导员）', url: '/packageCommittee/pages/party-teams/party-teams' },
  { title: '党员任务发布', note: '审核微心愿，发布治理任务和值守排班', url: '/packageCommittee/pages/party-tasks/party-tasks' },
  { title: '核实党员服务', note: '党员提交的服务记录和照片', url: '/packageCommittee/pages/party-verify/party-verify' },
  { title: '党员服务看板', note: '活跃党员、心愿认领、年度报告、积分规则', url: '/packageCommittee/pages/party-dashboard/party-dashboard' },
  { title: '党员岗位评星', note: '年度评分、公示评星', url: '/packageCommittee/pages/party-stars/party-stars' },
];

type FirstPage = { items: unknown[]; nextCursor: string | null };

/** A badge: "3", or "20+" when a queue has more than its first page; '' when nothing waits. */
export function badge(...pages: FirstPage[]): string {
  const n = pages.reduce((sum, p) => sum + p.items.length, 0);
  return n > 0 ? `${n}${pages.some((p) => p.nextCursor) ? '+' : ''}` : '';
}

export interface SignupQueue {
  /** Signups waiting across the community's activities. */
  count: number;
  /** One tap to the queue: the review page when one activity waits, else the activities with their counts. */
  url: string;
}

export function signupQueue(activities: { id: string; waiting?: number }[]): SignupQueue {
  const waiting = activities.filter((a) => (a.waiting ?? 0) > 0);
  const count = waiting.reduce((sum, a) => sum + (a.waiting ?? 0), 0);
  const url = waiting.length === 1 ? `/packageCommittee/pages/review/review?activityId=${encodeURIComponent(waiting[0].id)}` : REVIEW_LIST;
  return { count, url };
}

/** "今天：2 件诉求待办 · 3 条报名待审核 · 1 个绑定申请", or that nothing waits. */
export function summaryLine(counts: Record<string, string>, signups: number): string {
  const parts = [
    counts[DEMANDS] ? `${counts[DEMANDS]} 件诉求待办` : '',
    signups > 0 ? `${signups} 条报名待审核` : '',
    counts[MODERATION] ? `${counts[MODERATION]} 条内容待审` : '',
    counts[BINDINGS] ? `${counts[BINDINGS]} 个绑定申请` : '',
  ].filter(Boolean);
  return parts.length > 0 ? `今天：${parts.join(' · ')}` : '今天没有等你处理的事';
}
