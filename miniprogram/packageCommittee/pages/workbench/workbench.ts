/** 居委会工作台 (committee): the menu of the committee's pages, with what waits where it is cheap to count. */
import { elderMode } from '../../../services/display/display';
import { myDesk, pendingBindings } from '../../services/community';
import { openReports, reviewQueue } from '../../services/moderation';
import { inbox } from '../../../services/demand/demand';
import { proofsToVerify, registrations, wishesToVet } from '../../services/party';

type FirstPage = { items: unknown[]; nextCursor: string | null };
/** "3 条待处理", or "20+ 条待处理" when a queue has more than its first page. */
const waiting = (...pages: FirstPage[]) => {
  const n = pages.reduce((sum, p) => sum + p.items.length, 0);
  return n > 0 ? `${n}${pages.some((p) => p.nextCursor) ? '+' : ''} 条待处理` : '';
};

Page({
  data: {
    elder: false,
    entries: [
      { title: '诉求待办', note: '居委会层级的诉求，超时的在前', url: '/packageDemand/pages/inbox/inbox?scope=community' },
      { title: '诉求统计', note: '响应率、按期办结率、满意率，超期清单，导出', url: '/packageCommittee/pages/demands/demands' },
      { title: '诉求类别', note: '类别、类型和办理时限', url: '/packageCommittee/pages/demand-categories/demand-categories' },
      { title: '议事协商', note: '议题审查、发起表决、纸质票录入、议事机构', url: '/packageCouncil/pages/desk/desk' },
      { title: '社区活动', note: '发布编辑、报名审核、名单导出、现场签到码', url: '/packageCommittee/pages/activities/activities' },
      { title: '发布公告', note: '全体、指定网格或楼组，可置顶', url: '/packageCommittee/pages/notice/notice' },
      { title: '内容审核', note: '待复核的帖子和评论', url: '/packageCommittee/pages/moderation/moderation' },
      { title: '举报处理', note: '居民举报的内容', url: '/packageCommittee/pages/reports/reports' },
      { title: '楼组绑定申请', note: '新邻居加入楼组', url: '/packageCommittee/pages/bindings/bindings' },
      { title: '居民名单', note: '按网格、楼组查看，设置角色', url: '/packageCommittee/pages/members/members' },
      { title: '党员报到审核', note: '在职党员报到，7 天内审核并编入服务队', url: '/packageCommittee/pages/party-review/party-review' },
      { title: '服务队与岗位', note: '服务队，党员的岗位（楼组长、分队长、督导员）', url: '/packageCommittee/pages/party-teams/party-teams' },
      { title: '党员任务发布', note: '审核微心愿，发布治理任务和值守排班', url: '/packageCommittee/pages/party-tasks/party-tasks' },
      { title: '核实党员服务', note: '党员提交的服务记录和照片', url: '/packageCommittee/pages/party-verify/party-verify' },
      { title: '党员服务看板', note: '活跃党员、心愿认领、年度报告、积分规则', url: '/packageCommittee/pages/party-dashboard/party-dashboard' },
      { title: '党员岗位评星', note: '年度评分、公示评星', url: '/packageCommittee/pages/party-stars/party-stars' },
    ],
    /** What waits, by entry url (shown beside the entry; empty when nothing or unknown). */
    counts: {} as Record<string, string>,
  },

  onLoad() {
    this.setData({ elder: elderMode() });
  },

  onShow() {
    this.setData({ elder: elderMode() });
    void this.count();
  },

  /** One small page of each queue: a count that is off by a refresh is fine here. */
  async count() {
    const desk = await myDesk();
    if (!desk.ok) return;
    const communityId = desk.data.communityId;
    const [demands, posts, comments, reports, bindings, joining, wishes, proofs] = await Promise.all([
      inbox({ scope: 'community', communityId }),
      reviewQueue(communityId, 'post'),
      reviewQueue(communityId, 'comment'),
      openReports(communityId),
      pendingBindings(communityId),
      registrations(communityId, 'pending'),
      wishesToVet(communityId),
      proofsToVerify(communityId),
    ]);
    const counts: Record<string, string> = {};
    if (demands.ok) counts['/packageDemand/pages/inbox/inbox?scope=community'] = waiting(demands.data);
    if (posts.ok && comments.ok) counts['/packageCommittee/pages/moderation/moderation'] = waiting(posts.data, comments.data);
    if (reports.ok) counts['/packageCommittee/pages/reports/reports'] = waiting(reports.data);
    if (bindings.ok) counts['/packageCommittee/pages/bindings/bindings'] = waiting(bindings.data);
    if (joining.ok) counts['/packageCommittee/pages/party-review/party-review'] = waiting(joining.data);
    if (wishes.ok) counts['/packageCommittee/pages/party-tasks/party-tasks'] = waiting(wishes.data);
    if (proofs.ok) counts['/packageCommittee/pages/party-verify/party-verify'] = waiting(proofs.data);
    this.setData({ counts });
  },
});
