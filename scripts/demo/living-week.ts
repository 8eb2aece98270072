import { ActivityFields, Series } from '../../domain/activities';
import { shanghaiClock, shanghaiInstant } from '../../domain/shanghai-time';
import { SetClock, livingCouncil } from './living-council';

/** One call of a cloud function as a person, through the emulator's front door; answers `data` or throws with the code. */
export type CallAs = (openid: string, fn: string, action: string, data: Record<string, unknown>) => Promise<{ id: string }>;

const COMMUNITY = 'demo-community';
const COMMITTEE = 'demo-committee';

/** Shanghai `hour:minute` on the day `days` from `now`. */
function dayAt(now: Date, days: number, hour: number, minute = 0): Date {
  const today = shanghaiClock(now);
  return new Date(shanghaiInstant(today.year, today.month, today.day, hour, minute).getTime() + days * 86_400_000);
}

function activity(now: Date, series: Series, title: string, description: string, place: string, days: number, hour: number, capacity: number, extra: Partial<ActivityFields> = {}): ActivityFields {
  const startAt = dayAt(now, days, hour);
  return {
    title,
    description,
    series,
    place: { text: place },
    startAt: startAt.toISOString(),
    endAt: new Date(startAt.getTime() + 2 * 3600_000).toISOString(),
    signupOpensAt: new Date(now.getTime() - 3600_000).toISOString(),
    signupClosesAt: dayAt(now, days - 1, 20).toISOString(),
    capacity,
    approval: 'auto',
    audience: { kind: 'community' },
    form: { phone: 'off', companionsMax: 1, note: 'off' },
    shifts: [],
    ...extra,
  } as ActivityFields;
}

/**
 * A week in the demo neighbourhood, made through the real functions as its people would make it, so
 * that every page shows something true on the first start: the committee's notices, neighbours'
 * posts with comments and likes, an activity of each series in the coming days with signups, booked
 * health checks, demands reported, taken on and answered, and consultation (see living-council.ts:
 * with `clock`, also a topic decided by vote days ago). Times are relative to `now`.
 */
export async function livingWeek(call: CallAs, now: Date, slotIds: readonly string[], clock?: SetClock): Promise<Record<string, number>> {
  const made = { notices: 0, posts: 0, comments: 0, likes: 0, activities: 0, signups: 0, bookings: 0, demands: 0 };
  const notice = async (title: string, content: string) => {
    await call(COMMITTEE, 'circle', 'notice', { communityId: COMMUNITY, title, content, audience: { kind: 'community' } });
    made.notices++;
  };
  await notice('本周三上午停水', '因管道检修，周三 9:00–12:00 全小区停水，请提前储水。给您带来不便，敬请谅解。');
  await notice('消防安全检查', '本周六上午居委会和物业逐楼检查楼道消防通道，请把楼道里的杂物搬回家中。');
  await notice('垃圾分类定时定点', '干垃圾、湿垃圾每天 7:00–9:00、18:00–20:00 投放，督导员在桶前值守，有不明白的随时问。');

  const posts: string[] = [];
  const post = async (openid: string, content: string) => {
    posts.push((await call(openid, 'circle', 'post', { kind: 'neighbour', content })).id);
    made.posts++;
  };
  await post('demo-resident-1', '楼下的桂花开了，大家有空下楼走走，香得很。');
  await post('demo-resident-2', '谁家有多余的纸箱？孩子学校做手工要用两个。');
  await post('demo-resident-3', '3号楼门口的路灯修好了，谢谢物业师傅晚上加班。');
  await post('demo-resident-6', '周末在活动室教大家用手机挂号，需要的老邻居来找我。');
  const chat: [number, string, string][] = [
    [1, 'demo-resident-4', '我家有，晚上给你送过去'],
    [0, 'demo-resident-5', '早上路过闻到了，真好'],
    [3, 'demo-resident-7', '太好了，我妈妈一直学不会，周六带她来'],
  ];
  for (const [i, openid, content] of chat) {
    await call(openid, 'circle', 'comment', { postId: posts[i], content });
    made.comments++;
  }
  for (const [i, openid] of [
    [0, 'demo-resident-2'],
    [0, 'demo-resident-4'],
    [2, 'demo-resident-1'],
    [3, 'demo-resident-5'],
  ] as const) {
    await call(openid, 'circle', 'like', { postId: posts[i] });
    made.likes++;
  }

  const activities = [
    activity(now, 'party', '党员学习日：社区治理新规', '在职党员和社区党员一起学习新修订的居民区治理办法，会后认领楼组任务。', '党群服务站二楼', 2, 19, 40),
    activity(now, 'community', '楼道微更新议事会', '1号楼、2号楼楼道刷新和加装扶手，听听大家的意见。', '居民区活动室', 3, 14, 30),
    activity(now, 'wellness', '老年人健步走', '沿滨河步道慢走 3 公里，社区医生随行测血压。', '小区南门集合', 4, 8, 25),
    activity(now, 'culture', '书法兴趣班', '退休老师教写毛笔字，笔墨纸砚现场提供。', '居民区活动室', 5, 9, 15, { approval: 'committee' }),
    activity(now, 'civility', '垃圾分类亲子课堂', '带孩子一起学垃圾分类，答对有小礼品。', '居民区活动室', 6, 10, 20),
  ];
  const ids: string[] = [];
  for (const fields of activities) {
    ids.push((await call(COMMITTEE, 'activity', 'create', { communityId: COMMUNITY, fields })).id);
    made.activities++;
  }
  for (const [i, who] of [
    [0, ['demo-resident-1', 'demo-member-1']],
    [1, ['demo-resident-2', 'demo-resident-3', 'demo-leader-1']],
    [2, ['demo-resident-4', 'demo-resident-5', 'demo-resident-8', 'demo-resident-9']],
    [3, ['demo-resident-6', 'demo-resident-10']],
    [4, ['demo-resident-7', 'demo-resident-11']],
  ] as const) {
    for (const openid of who) {
      await call(openid, 'activity', 'signup', { activityId: ids[i], answers: {} });
      made.signups++;
    }
  }

  // Health checks open to everyone, booked in the coming weeks.
  for (const [slotId, openid] of slotIds.slice(0, 3).map((id, i) => [id, `demo-resident-${12 + i}`] as const)) {
    await call(openid, 'service', 'book', { slotId });
    made.bookings++;
  }

  const report = async (openid: string, categoryId: string, text: string) => {
    made.demands++;
    return call(openid, 'demand', 'report', { categoryId, text });
  };
  const leak = await report('demo-resident-1', 'demo-cat-leak', '楼上卫生间漏水，我家天花板在滴水，麻烦帮忙协调一下。');
  await call('demo-gridworker-1', 'demand', 'accept', { demandId: leak.id, note: '今天下午上门看看，先联系楼上住户。' });
  await report('demo-resident-2', 'demo-cat-stair-light', '2号楼三楼楼道灯坏了好几天，晚上上下楼看不清。');
  await report('demo-resident-3', 'demo-cat-policy', '想问一下高龄津贴怎么申请，需要带哪些材料？');
  return { ...made, ...(await livingCouncil(call, now, clock)) };
}
