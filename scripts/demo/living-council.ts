import { DEMO_COUNCIL } from '../../server/seed/demo-council';
import { shanghaiDay } from '../../domain/shanghai-time';
import type { CallAs } from './living-week';

/** Runs the functions' clock from `at` (null: the real time again), so a vote can open days ago and be closed. */
export type SetClock = (at: Date | null) => Promise<void>;

const COMMUNITY = 'demo-community';
const COMMITTEE = 'demo-committee';
const DAY = 86_400_000;
/** One member of each of twelve households (the demo's residents 1–12 live in twelve rooms). */
const HOUSEHOLDS = Array.from({ length: 12 }, (_, i) => `demo-resident-${i + 1}`);

type Topic = { id: string; threshold: number; stage: string };

/**
 * Consultation in the demo's week, made through the real `council` function as its people would:
 * a topic gathering supports (充电桩), one accepted with a 协调会 called for the coming days (外墙渗水),
 * one decided by a household vote days ago and carried out since (垃圾箱房, 60%), and this year's
 * 优秀志愿者 campaign open for voting. The decided one needs days to pass: with `clock` it is made on
 * the functions' clock from twelve days ago, then the clock is given back; without, it is left out.
 */
export async function livingCouncil(call: CallAs, now: Date, clock?: SetClock): Promise<Record<string, number>> {
  const made = { topics: 0, meetings: 0, votes: 0, campaigns: 0 };
  const propose = async (openid: string, title: string, content: string): Promise<Topic> => {
    made.topics++;
    return (await call(openid, 'council', 'propose', { bodyId: DEMO_COUNCIL.council, title, content })) as unknown as Topic;
  };
  const supportTo = async (topic: Topic, count: number) => {
    for (const openid of HOUSEHOLDS.slice(0, count)) await call(openid, 'council', 'support', { topicId: topic.id });
  };

  if (clock) {
    try {
      await decidedAndCarriedOut(call, now, clock, propose, supportTo);
      made.votes++;
    } finally {
      await clock(null);
    }
  }

  const leak = await propose('demo-resident-4', '3号楼外墙渗水维修', '3号楼北面外墙一下雨就渗水，好几户墙皮发霉，建议用维修资金统一修缮。');
  await supportTo(leak, leak.threshold);
  await call(COMMITTEE, 'council', 'screen', { topicId: leak.id, decision: 'accept' });
  const start = new Date(Math.ceil((now.getTime() + 2 * DAY) / 3600_000) * 3600_000);
  await call(COMMITTEE, 'council', 'scheduleMeeting', {
    topicId: leak.id,
    kind: 'coordination',
    place: { text: '居委会二楼会议室' },
    startAt: start.toISOString(),
    endAt: new Date(start.getTime() + 90 * 60_000).toISOString(),
    capacity: 30,
  });
  made.meetings++;

  const charging = await propose('demo-resident-6', '小区增设电动自行车充电桩', '电动车上楼充电有火灾隐患，建议在车棚集中安装充电桩，按次收费。');
  await supportTo(charging, 4);

  const campaign = await call(COMMITTEE, 'council', 'openCampaign', {
    communityId: COMMUNITY,
    title: '优秀志愿者',
    nominees: [
      { name: '周建华', note: '垃圾分类督导两年，风雨无阻' },
      { name: '孙丽萍', note: '每周陪独居老人买菜、聊天' },
      { name: '吴志强', note: '义务修理小家电' },
    ],
    maxChoices: 1,
    days: 7,
  });
  made.campaigns++;
  for (const [openid, choice] of [
    ['demo-resident-1', 0],
    ['demo-resident-3', 1],
    ['demo-resident-7', 0],
  ] as const) {
    await call(openid, 'council', 'campaignVote', { campaignId: campaign.id, choices: [choice] });
  }
  return made;
}

/** 垃圾箱房改造: proposed twelve days ago, supported, accepted and put to a household vote; decided eight days ago, and carried out since. */
async function decidedAndCarriedOut(
  call: CallAs,
  now: Date,
  clock: SetClock,
  propose: (openid: string, title: string, content: string) => Promise<Topic>,
  supportTo: (topic: Topic, count: number) => Promise<void>,
): Promise<void> {
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  await clock(ago(12));
  const bins = await propose('demo-resident-2', '垃圾箱房改造', '垃圾箱房没有洗手池和雨棚，夏天异味大，建议改造并加装除臭设备。');
  await supportTo(bins, bins.threshold);
  await call(COMMITTEE, 'council', 'screen', { topicId: bins.id, decision: 'accept' });
  const vote = await call(COMMITTEE, 'council', 'openVote', {
    topicId: bins.id,
    question: '是否同意按方案改造垃圾箱房（加装洗手池、雨棚和除臭设备）？',
    options: ['同意', '不同意', '弃权'],
    maxChoices: 1,
    unit: 'household',
    days: 3,
  });
  // Ten of the twelve households vote: eight for, one against, one abstains.
  for (const [i, openid] of HOUSEHOLDS.slice(0, 10).entries()) {
    await call(openid, 'council', 'castVote', { voteId: vote.id, choices: [i < 8 ? 0 : i === 8 ? 1 : 2] });
  }
  await clock(ago(8));
  await call(COMMITTEE, 'council', 'closeVote', { voteId: vote.id });
  await call(COMMITTEE, 'council', 'startProject', { topicId: bins.id });
  await call(COMMITTEE, 'council', 'reportProgress', { topicId: bins.id, percent: 30, text: '施工方案和预算已公示，物业完成招标。', day: shanghaiDay(ago(8)) });
  await clock(ago(3));
  await call(COMMITTEE, 'council', 'reportProgress', { topicId: bins.id, percent: 60, text: '雨棚和洗手池已装好，除臭设备下周进场。', day: shanghaiDay(ago(3)) });
}
