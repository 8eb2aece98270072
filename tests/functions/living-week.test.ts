import { Emulator } from '../../emulator/app';
import { SERIES } from '../../domain/activities';
import { seedLivingNeighbourhood } from '../../scripts/demo/living-neighbourhood';
import { startApp } from '../helpers/app';
import { okCall } from './neighbourhood';

const DAY = 86_400_000;

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
    expect(line).toMatch(/3 notices, 4 posts, 3 comments, 4 likes, 5 activities, 13 signups, 3 bookings, 3 demands, 3 topics, 1 meetings, 1 votes, 1 campaigns/);
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
    // The seed's council meeting was yesterday; the week's five are ahead, and the 协调会 on 外墙渗水 (see below).
    const ahead = page.items.filter((a: any) => new Date(a.startAt).getTime() > now && !a.title.startsWith('协调会'));
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

  it('议事厅 shows consultation alive: a topic gathering supports, one accepted with a 协调会 called, one decided by vote and carried out', async () => {
    const topics = (await okCall(emulator, 'demo-resident-9', 'council', 'topics', { communityId: 'demo-community' })).items;
    const byTitle = (title: string) => topics.find((t: any) => t.title === title);
    expect(byTitle('小区增设电动自行车充电桩')).toMatchObject({ stage: 'proposed', supports: 4 });
    const leak = byTitle('3号楼外墙渗水维修');
    expect(leak).toMatchObject({ stage: 'deliberating' });
    const [meeting] = (await okCall(emulator, 'demo-resident-9', 'council', 'meetings', { topicId: leak.id })).items;
    expect(meeting).toMatchObject({ kind: 'coordination', placeText: '居委会二楼会议室', minutes: null });
    expect(new Date(meeting.startAt).getTime()).toBeGreaterThan(Date.now() + DAY);
    // Its activity takes signups: a resident signs up for the meeting.
    await okCall(emulator, 'demo-resident-9', 'activity', 'signup', { activityId: meeting.activityId, answers: {} });

    const bins = byTitle('垃圾箱房改造');
    expect(bins).toMatchObject({ stage: 'in_progress' });
    const { vote } = await okCall(emulator, 'demo-resident-9', 'council', 'topic', { topicId: bins.id });
    expect(vote).toMatchObject({ status: 'closed', unit: 'household' });
    expect(vote.result).toMatchObject({ ballots: 10, quorum: true, winner: 0 });
    // Made days ago on the functions' clock, which runs in real time again.
    expect(new Date(vote.closesAt).getTime()).toBeLessThan(Date.now() - 7 * DAY);
    const { project, updates } = await okCall(emulator, 'demo-resident-9', 'council', 'project', { topicId: bins.id });
    expect(project).toMatchObject({ percent: 60, status: 'in_progress' });
    expect(updates.map((u: any) => u.percent)).toEqual([60, 30]);
    expect(Math.abs(emulator.host.clock.now().getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('群众评优: this year’s 优秀志愿者 is open for voting, with three households voted', async () => {
    const { items } = await okCall(emulator, 'demo-resident-9', 'council', 'campaigns', { communityId: 'demo-community' });
    const volunteers = items.find((c: any) => c.title === '优秀志愿者');
    expect(volunteers).toMatchObject({ status: 'open', voted: 3, result: null });
    expect(volunteers.nominees.map((n: any) => n.name)).toEqual(['周建华', '孙丽萍', '吴志强']);
    await okCall(emulator, 'demo-resident-9', 'council', 'campaignVote', { campaignId: volunteers.id, choices: [1] });
  });
});
