/** The committee's workbench (居委会工作台) and what opens from it. */
import { registerStates } from '../states';

registerStates('packageCommittee/pages/workbench/workbench', [
  { name: '居委会视角', world: 'lively' },
  { name: '长辈模式', world: 'lively', elder: true },
]);
registerStates('packageCommittee/pages/review/review', [{ name: '待审核', world: 'lively', query: (w) => ({ activityId: w.reviewActivityId }) }]);
registerStates('packageCommittee/pages/roster/roster', [{ name: '名单', world: 'lively', query: (w) => ({ id: w.reviewActivityId }) }]);
registerStates('packageCommittee/pages/checkin-code/checkin-code', [{ name: '签到码', world: 'lively', query: (w) => ({ activityId: w.activityId }) }]);
registerStates('packageCommittee/pages/activity-form/activity-form', [
  { name: '新建', world: 'seed', query: () => ({ communityId: 'demo-community' }) },
  { name: '编辑', world: 'lively', query: (w) => ({ id: w.activityId }) },
]);
