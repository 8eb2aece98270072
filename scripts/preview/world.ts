/**
 * A living week in the demo neighbourhood, made through the real functions on the emulator (the page
 * tests' own helpers): the committee's notices, neighbours' posts with comments and likes, an
 * activity of each of the five series in the coming days (one needing approval, one nearly full),
 * signups, service slots with a booking, and a demand. What the "with content" states show.
 */
import type { Emulator } from '../../emulator/app';
import { call } from '../../tests/helpers/app';
import { publish } from '../../tests/functions/activity-fixtures';
import { noticeAs, postAs } from '../../tests/functions/circle-fixtures';
import { okCall } from '../../tests/functions/neighbourhood';
import { HOUR, addSlot } from '../../tests/functions/service-fixtures';

export interface World {
  postId: string;
  /** 中医养生讲座: asks for a phone, companions and a note; demo-resident-1 signed up. */
  activityId: string;
  reviewActivityId: string;
  itemId: string;
  demandId?: string;
}

const at = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();

export async function livingWeek(emulator: Emulator): Promise<World> {
  await noticeAs(emulator, { title: '本周三上午停水通知', content: '因管道检修，周三 9:00–12:00 全小区停水，请提前储水。' });
  await noticeAs(emulator, { title: '重阳节敬老活动报名开始', content: '欢迎 60 岁以上的居民报名参加茶话会，家属可陪同。' });
  const ladder = await postAs(emulator, 'demo-resident-2', '谁家有梯子可以借用一下？周六上午用，用完马上还。', { kind: 'help' });
  await postAs(emulator, 'demo-resident-3', '小区东门的桂花开了，散步的邻居可以去闻闻香。');
  await okCall(emulator, 'demo-resident-4', 'circle', 'comment', { postId: ladder.id, content: '我家有，3号楼 502 来拿' });
  await okCall(emulator, 'demo-resident-1', 'circle', 'like', { postId: ladder.id });

  const series = [
    { series: 'party', title: '党员先锋岗：楼道清洁日', startAt: at(30), endAt: at(32) },
    { series: 'community', title: '邻里百家宴', startAt: at(54), endAt: at(57), capacity: 3 },
    { series: 'wellness', title: '中医养生讲座', startAt: at(78), endAt: at(80), form: { phone: 'required', companionsMax: 2, note: 'optional' } },
    { series: 'culture', title: '老年书法班', startAt: at(100), endAt: at(102), approval: 'committee' },
    { series: 'civility', title: '垃圾分类亲子课堂', startAt: at(124), endAt: at(126) },
  ] as const;
  const ids: string[] = [];
  for (const s of series) ids.push(await publish(emulator, { ...s, signupClosesAt: at(24) }));
  // the feast nearly full; the calligraphy class waiting for the committee's approval
  await okCall(emulator, 'demo-resident-2', 'activity', 'signup', { activityId: ids[1], answers: {} });
  await okCall(emulator, 'demo-resident-3', 'activity', 'signup', { activityId: ids[1], answers: {} });
  await okCall(emulator, 'demo-resident-1', 'activity', 'signup', { activityId: ids[2], answers: { phone: '13800000000', companions: 1 } });
  for (const who of ['demo-resident-1', 'demo-resident-4', 'demo-resident-5']) await okCall(emulator, who, 'activity', 'signup', { activityId: ids[3], answers: {} });

  const item = await okCall(emulator, 'demo-resident-1', 'service', 'item', { itemId: 'demo-item-tcm' });
  const tomorrow = await addSlot(emulator, item, { fromNow: 26 * HOUR });
  await addSlot(emulator, item, { fromNow: 50 * HOUR });
  await okCall(emulator, 'demo-resident-1', 'service', 'book', { slotId: tomorrow });

  const demand = await call(emulator, 'demo-resident-1', 'demand', 'report', { categoryId: 'demo-cat-elder-errand', text: '楼道灯坏了一周，晚上老人下楼看不清。' });
  return { postId: ladder.id, activityId: ids[2], reviewActivityId: ids[3], itemId: 'demo-item-tcm', demandId: demand.ok ? demand.data.id : undefined };
}
