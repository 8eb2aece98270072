import { Emulator } from '../../emulator/app';
import { SERIES } from '../../domain/activities';
import { seedLivingNeighbourhood } from '../../scripts/demo/living-neighbourhood';
import { startApp } from '../helpers/app';
import { okCall } from './neighbourhood';

/**
 * `npm start` on a fresh data folder: the demo neighbourhood and a week of its life, made through the
 * real functions, so that a new user's first look finds every tab showing something true.
 */
describe('the demo neighbourhood’s living week', () => {
  let emulator: Emulator;
  let line: string;
  beforeAll(async () => {
    emulator = await startApp({ seed: false });
    line = await seedLivingNeighbourhood(emulator);
  }, 120_000);
  afterAll(() => emulator.close());

  it('says on the console what it made', () => {
    expect(line).toMatch(/3 notices, 4 posts, 3 comments, 4 likes, 5 activities, 13 signups, 3 bookings, 3 demands/);
  });

  it('a resident’s 邻里圈 opens on the committee’s notices and neighbours’ posts, with comments and likes', async () => {
    const feed = await okCall(emulator, 'demo-resident-9', 'circle', 'feed', {});
    const notices = feed.items.filter((i: any) => i.kind === 'notice');
    expect(notices.map((n: any) => n.title)).toEqual(expect.arrayContaining(['本周三上午停水', '消防安全检查', '垃圾分类定时定点']));
    const posts = feed.items.filter((i: any) => i.kind === 'neighbour');
    expect(posts).toHaveLength(4);
    expect(posts.some((p: any) => p.commentCount > 0 && p.likeCount > 0)).toBe(true);
  });

  it('活动 shows one activity of each of the five series in the coming week, with people signed up', async () => {
    const page = await okCall(emulator, 'demo-resident-9', 'activity', 'list', {});
    const now = Date.now();
    // The seed's council meeting was yesterday; the week's five are ahead.
    const ahead = page.items.filter((a: any) => new Date(a.startAt).getTime() > now);
    expect(ahead).toHaveLength(5);
    expect(new Set(ahead.map((a: any) => a.series))).toEqual(new Set(SERIES));
    for (const a of ahead) expect(new Date(a.startAt).getTime()).toBeLessThan(now + 8 * 86_400_000);
    expect(emulator.db.count('signups', { activityId: { $in: ahead.map((a: any) => a.id) } })).toBe(13);
  });

  it('health checks are booked, and the grid worker’s inbox holds the residents’ demands, one of them taken on', async () => {
    const bookings = await okCall(emulator, 'demo-resident-12', 'service', 'mine', {});
    expect(bookings.items).toHaveLength(1);
    const inbox = await okCall(emulator, 'demo-gridworker-1', 'demand', 'inbox', { scope: 'grid', gridId: 'demo-grid-1' });
    const states = emulator.db.find('demands', {}).map((d: any) => d.state);
    expect(states).toEqual(expect.arrayContaining(['accepted']));
    expect(inbox.items.length).toBeGreaterThan(0);
  });
});
