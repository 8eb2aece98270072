/**
 * @jest-environment ./tests/miniprogram/jsdom-with-fetch.ts
 *
 * 议事厅 and a topic's supports, by taps on the pages against the emulator running the real `council`
 * function on the demo seed: a resident of 1号楼 supports 楼道堆物清理 and the bar moves, in the
 * topic and in the list; their neighbour in the same room is told the household already supported
 * and has no button; a resident of another building is told who may; the committee's moves and desk
 * are the committee's only.
 */
import { DEMO_COUNCIL_LIFE } from '../../server/seed/demo-council-life';
import { pageTestSetup } from './page-test';
import { SimComponent } from './simulate';
import { privacyAgreed } from './privacy-dialog';
import { element, screen, settled, tapOn } from './screen';
import { liveAt, phoneClockFollowsFunctions } from './demand-pages';
import { COUNCIL, PEOPLE, warmCouncil } from './council-pages';

const phone = pageTestSetup({ wx: privacyAgreed });
warmCouncil(() => phone.emulator);
phoneClockFollowsFunctions();

// Thursday 5 November 2026, 10:00 in Shanghai: four days after the demo topic was proposed (30 days to gather supports).
const START = new Date('2026-11-05T02:00:00Z');
beforeAll(() => liveAt(phone.emulator, START));

const TOPIC = `packageCouncil/pages/topic/topic`;

/** How far a support bar is filled, as drawn: the fill's width. */
const barWidth = (bar: SimComponent) => /width: ?(\d+%)/.exec(element(bar, '.support-bar__fill').dom?.innerHTML ?? '')?.[1] ?? /width: ?(\d+%)/.exec(bar.dom?.innerHTML ?? '')?.[1];

test('a resident supports 楼道堆物清理 and the bar moves; their neighbour in the same room cannot support again', async () => {
  const hall = phone.open('packageCouncil/pages/topics/topics', PEOPLE.resident);
  await settled();
  const row = element(hall, `.topics__row--${COUNCIL.topic}`);
  expect(row.dom?.textContent).toContain('楼道堆物清理');
  expect(row.dom?.textContent).toContain('征集附议中');
  expect(row.dom?.textContent).toContain('0/10 户附议');
  expect(row.dom?.textContent).toContain('还剩 26 天');
  expect(hall.data.rows.find((r: { id: string }) => r.id === COUNCIL.topic).support.percent).toBe(0);

  const topic = phone.open(TOPIC, PEOPLE.resident, { query: { id: COUNCIL.topic } });
  await settled();
  expect(screen(topic)).toContain('楼道里堆放了纸箱');
  expect(topic.querySelector('.topic__committee')).toBeUndefined();
  tapOn(topic, '.topic__support-button');
  await settled();
  expect(screen(topic)).toContain('已附议，谢谢您的支持');
  expect(screen(topic)).toContain('1/10 户附议');
  expect(barWidth(element(topic, '.topic__bar'))).toBe('10%');
  expect(screen(topic)).toContain('您家已附议，每户只能附议一次');
  expect(topic.querySelector('.topic__support-button')).toBeUndefined();

  // Back in the 议事厅 (pulled again) the row's bar has moved too.
  hall.instance.onPullDownRefresh();
  await settled();
  expect(element(hall, `.topics__row--${COUNCIL.topic}`).dom?.textContent).toContain('1/10 户附议');
  expect(barWidth(element(element(hall, `.topics__row--${COUNCIL.topic}`), '.topic-row__support'))).toBe('10%');

  // The neighbour in the same room: already supported, no button, the count unchanged.
  const neighbour = phone.open(TOPIC, PEOPLE.sameRoom, { query: { id: COUNCIL.topic } });
  await settled();
  expect(screen(neighbour)).toContain('您家已附议，每户只能附议一次');
  expect(neighbour.querySelector('.topic__support-button')).toBeUndefined();
  expect(screen(neighbour)).toContain('1/10 户附议');
  expect(phone.emulator.db.count('council_supports', { topicId: COUNCIL.topic })).toBe(1);
});

test('a resident of another building reads the topic and who may support it, with no button', async () => {
  const before = phone.emulator.db.count('council_supports', { topicId: COUNCIL.topic });
  const other = phone.open(TOPIC, PEOPLE.otherBuilding, { query: { id: COUNCIL.topic } });
  await settled();
  expect(screen(other)).toContain('楼道堆物清理');
  expect(screen(other)).toContain('只有1号楼楼道自治小组议事范围内的居民可以附议');
  expect(other.querySelector('.topic__support-button')).toBeUndefined();
  expect(phone.emulator.db.count('council_supports', { topicId: COUNCIL.topic })).toBe(before);
});

test('the committee desk and the bodies are the committee’s: a resident reads whose they are', async () => {
  const desk = phone.open('packageCouncil/pages/desk/desk', PEOPLE.resident);
  await settled();
  expect(screen(desk)).toContain('只有居委会成员可以使用这个页面');
  expect(desk.querySelector('.desk__bodies')).toBeUndefined();
  const bodies = phone.open('packageCouncil/pages/bodies/bodies', PEOPLE.resident);
  await settled();
  expect(screen(bodies)).toContain('只有居委会成员可以使用这个页面');
});

test('the 议事厅 filters by body and by stage', async () => {
  const hall = phone.open('packageCouncil/pages/topics/topics', PEOPLE.resident);
  await settled();
  expect(hall.data.bodies.map((b: { name: string }) => b.name)).toEqual(expect.arrayContaining(['群英荟', '第1微网格自治议事会', '1号楼楼道自治小组']));
  tapOn(hall, `.topics__body--${COUNCIL.council}`);
  await settled();
  // 群英荟's own topics (the demo's 加装电梯), not its working committee's.
  expect(hall.querySelector(`.topics__row--${COUNCIL.topic}`)).toBeUndefined();
  expect(screen(hall)).toContain('加装电梯');
  tapOn(hall, `.topics__body--${COUNCIL.workingCommittee}`);
  await settled();
  expect(hall.querySelector(`.topics__row--${COUNCIL.topic}`)).toBeDefined();
  tapOn(hall, '.topics__tab--voting');
  await settled();
  expect(hall.querySelector(`.topics__row--${COUNCIL.topic}`)).toBeUndefined();
  tapOn(hall, '.topics__tab--proposed');
  await settled();
  expect(hall.querySelector(`.topics__row--${COUNCIL.topic}`)).toBeDefined();
});

test('议事协商 is reached from 我的, and the committee reaches its desk from the workbench', async () => {
  const me = phone.open('pages/me/me', PEOPLE.resident);
  await settled();
  const link = element(me, '.me__link--council');
  expect(link.dom?.textContent).toBe('议事协商');
  expect(me.data.links.find((l: { id: string }) => l.id === 'council').url).toBe('/packageCouncil/pages/topics/topics');
  const bench = phone.open('packageCommittee/pages/workbench/workbench', PEOPLE.committee);
  await settled();
  expect(bench.data.entries.find((e: { title: string }) => e.title === '议事协商')?.url).toBe('/packageCouncil/pages/desk/desk');
});

test('every consultation page follows elder mode', async () => {
  // WeChat's font size set to large.
  const base = (globalThis as any).wx.getAppBaseInfo();
  const large = { getAppBaseInfo: () => ({ ...base, fontSizeSetting: 24 }) };
  const pages: [string, string, Record<string, string>][] = [
    ['packageCouncil/pages/topics/topics', PEOPLE.resident, {}],
    [TOPIC, PEOPLE.resident, { id: COUNCIL.topic }],
    ['packageCouncil/pages/propose/propose', PEOPLE.resident, {}],
    ['packageCouncil/pages/desk/desk', PEOPLE.committee, {}],
    ['packageCouncil/pages/open-vote/open-vote', PEOPLE.committee, { topicId: COUNCIL.topic }],
    ['packageCouncil/pages/paper-ballot/paper-ballot', PEOPLE.committee, { topicId: COUNCIL.topic }],
    ['packageCouncil/pages/bodies/bodies', PEOPLE.committee, {}],
    ['packageCouncil/pages/minutes/minutes', PEOPLE.committee, { topicId: DEMO_COUNCIL_LIFE.elevator, meetingId: DEMO_COUNCIL_LIFE.meeting }],
    ['packageCouncil/pages/progress/progress', PEOPLE.committee, { topicId: DEMO_COUNCIL_LIFE.garden }],
    ['packageCouncil/pages/campaign/campaign', PEOPLE.resident, {}],
    ['packageCouncil/pages/open-campaign/open-campaign', PEOPLE.committee, {}],
    ['packageCouncil/pages/ratings/ratings', PEOPLE.resident, {}],
  ];
  for (const [path, openid, query] of pages) {
    const page = phone.open(path, openid, { query, wx: large });
    await settled();
    expect([path, page.querySelector('.elder') !== undefined]).toEqual([path, true]);
    expect(screen(page)).not.toContain('加载中');
  }
  const normal = phone.open('packageCouncil/pages/topics/topics', PEOPLE.resident);
  await settled();
  expect(normal.querySelector('.elder')).toBeUndefined();
});
