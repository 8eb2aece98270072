/**
 * Whether a resident's demand can become a topic (pure, as topicFromDemand decides): a 意见建议,
 * neither rejected nor merged, not already a topic. Shared by the demand's page (转为议题 shown to
 * the committee) and the 转为议题 page itself.
 */
import type { Demand } from '../demand/types';

/** Why this demand cannot become a topic, in the function's words; '' when it can. */
export function cannotBecomeTopic(d: Demand): string {
  if (d.kind !== 'suggestion') return '只有“意见建议”类诉求可以转为议题';
  if (d.state === 'rejected' || d.state === 'duplicate') return '这件诉求已不予受理或已合并，不能转为议题';
  if (d.timeline.some((e) => e.action === 'topic')) return '这件诉求已经转为议题';
  return '';
}
