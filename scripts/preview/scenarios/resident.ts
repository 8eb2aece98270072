/** The residents' pages: the four tabs and what opens from them. */
import { registerStates } from '../states';

const list = (primary?: string) => [
  { name: '有内容', world: 'lively' as const, primary },
  { name: '空', world: 'seed' as const },
  { name: '加载失败', world: 'seed' as const, offline: true },
  { name: '长辈模式', world: 'lively' as const, elder: true, primary },
];

registerStates('pages/circle/circle', list('.circle__compose'));
registerStates('pages/service/service', list());
registerStates('pages/activity/activity', [...list(), { name: '未绑定楼栋的访客', world: 'lively', as: 'demo-visitor-1' }]);
registerStates('pages/me/me', [
  { name: '居民', world: 'lively' },
  { name: '长辈模式', world: 'lively', elder: true },
  { name: '未绑定楼栋的访客', world: 'seed', as: 'demo-visitor-1' },
  { name: '居委会视角', world: 'lively', as: 'demo-committee' },
]);
registerStates('pages/activity-detail/activity-detail', [
  { name: '可报名', world: 'lively', query: (w) => ({ id: w.openActivityId }), primary: '.detail__submit' },
  { name: '已报名', world: 'lively', query: (w) => ({ id: w.activityId }) },
  { name: '待审核', world: 'lively', query: (w) => ({ id: w.reviewActivityId }), as: 'demo-resident-6' },
  { name: '长辈模式', world: 'lively', query: (w) => ({ id: w.openActivityId }), elder: true, primary: '.detail__submit' },
]);
registerStates('pages/post-detail/post-detail', [{ name: '有评论', world: 'lively', query: (w) => ({ id: w.postId }) }]);
registerStates('pages/service-item/service-item', [
  { name: '可预约', world: 'lively', query: (w) => ({ id: w.itemId }), primary: '.item__book' },
  { name: '长辈模式', world: 'lively', query: (w) => ({ id: w.itemId }), elder: true, primary: '.item__book' },
]);
registerStates('pages/my-activities/my-activities', [
  { name: '有报名', world: 'lively' },
  { name: '空', world: 'seed' },
]);
registerStates('pages/my-bookings/my-bookings', [
  { name: '有预约', world: 'lively', as: 'demo-resident-12' },
  { name: '空', world: 'seed' },
]);
registerStates('packageDemand/pages/mine/mine', [
  { name: '有诉求', world: 'lively' },
  { name: '空', world: 'seed' },
]);
registerStates('packageDemand/pages/demand/demand', [{ name: '我的诉求', world: 'lively', query: (w) => ({ id: w.demandId }) }]);
