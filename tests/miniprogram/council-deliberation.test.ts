/**
 * @jest-environment ./tests/miniprogram/jsdom-with-fetch.ts
 *
 * A topic's later sections on its page, against the real `council` function and the demo seed: a
 * resident reads the neighbour's comment on 楼道堆物清理 and adds theirs; a rude one is hidden by the
 * committee, with a reason its author reads and no one else sees the text; 加装电梯 shows yesterday's
 * 协调会 with its place, the way to its activity and its minutes with three signed in; the committee
 * publishes the minutes of a 听证会 once it has begun; 中心花园改造 reads 60% with its two updates,
 * and the committee carries it to 100% ("已完成").
 */
import { call } from '../helpers/app';
import { DEMO_COUNCIL_LIFE } from '../../server/seed/demo-council-life';
import { pageTestSetup } from './page-test';
import { privacyAgreed } from './privacy-dialog';
import { element, screen, settled, tapOn, typeInto } from './screen';
import { answerDialog, liveAt, navigation, openUrl, phoneClockFollowsFunctions } from './demand-pages';
import { COUNCIL, PEOPLE, warmCouncil } from './council-pages';

const phone = pageTestSetup({ wx: privacyAgreed });
warmCouncil(() => phone.emulator);
phoneClockFollowsFunctions();

const TOPIC = 'packageCouncil/pages/topic/topic';
const comments = (page: ReturnType<typeof phone.open>) => element(page, '.topic__comments');

test('a resident comments on 楼道堆物清理 and the committee hides a rude one', async () => {
  const resident = phone.open(TOPIC, PEOPLE.resident, { query: { id: COUNCIL.topic } });
  await settled();
  expect(comments(resident).dom?.textContent).toContain('我家门口也堆满了纸箱，支持统一清理。');
  // Nothing written: said on the page, nothing sent.
  tapOn(comments(resident), '.topic-comments__send');
  await settled();
  expect(screen(resident)).toContain('请先写下您的意见');
  typeInto(comments(resident), '.topic-comments__draft', '建议周末统一清理，物业派车拉走。');
  tapOn(comments(resident), '.topic-comments__send');
  await settled();
  expect(screen(resident)).toContain('已发表');
  expect(screen(resident)).toContain('建议周末统一清理，物业派车拉走。');
  // Residents have no 隐藏.
  expect(comments(resident).querySelector('.topic-comments__hide')).toBeUndefined();

  const rude = await call(phone.emulator, PEOPLE.otherBuilding, 'council', 'comment', { topicId: COUNCIL.topic, content: '谁堆的谁自己滚出去' });
  expect(rude.ok).toBe(true);
  const committee = phone.open(TOPIC, PEOPLE.committee, { query: { id: COUNCIL.topic }, wx: { showModal: answerDialog('言辞不文明') } });
  await settled();
  expect(screen(committee)).toContain('谁堆的谁自己滚出去');
  tapOn(comments(committee), `.topic-comments__row--${rude.data.id} .topic-comments__hide`);
  await settled();
  expect(screen(committee)).toContain('已隐藏，作者会看到理由');
  expect(phone.emulator.db.find('council_comments', { _id: rude.data.id })[0]).toMatchObject({ status: 'hidden', hideReason: '言辞不文明' });

  // The author reads why; another resident no longer sees it.
  const author = phone.open(TOPIC, PEOPLE.otherBuilding, { query: { id: COUNCIL.topic } });
  await settled();
  expect(screen(author)).toContain('已被居委会隐藏：言辞不文明');
  const neighbour = phone.open(TOPIC, PEOPLE.sameRoom, { query: { id: COUNCIL.topic } });
  await settled();
  expect(screen(neighbour)).not.toContain('谁堆的谁自己滚出去');
  expect(screen(neighbour)).toContain('建议周末统一清理，物业派车拉走。');
});

test('a long discussion comes 20 at a time, oldest first, and 加载更多 brings the rest', async () => {
  for (let i = 1; i <= 21; i++) {
    const said = await call(phone.emulator, i % 2 ? PEOPLE.resident : PEOPLE.proposer, 'council', 'comment', { topicId: DEMO_COUNCIL_LIFE.elevator, content: `第${i}条意见` });
    expect(said.ok).toBe(true);
  }
  const reader = phone.open(TOPIC, PEOPLE.otherBuilding, { query: { id: DEMO_COUNCIL_LIFE.elevator } });
  await settled();
  const thread = element(reader, '.topic__comments');
  expect(thread.querySelectorAll('.topic-comments__content')).toHaveLength(20);
  expect(thread.querySelectorAll('.topic-comments__content')[0].dom?.textContent).toBe('第1条意见');
  expect(thread.dom?.textContent).not.toContain('第21条意见');
  tapOn(thread, '.topic-comments__more');
  await settled();
  expect(thread.querySelectorAll('.topic-comments__content')).toHaveLength(21);
  expect(thread.dom?.textContent).toContain('第21条意见');
  expect(thread.querySelector('.topic-comments__more')).toBeUndefined();
});

test('a comment on a topic past its vote is refused in words', async () => {
  // 中心花园改造 is being carried out: no box to write in, and the function says why if asked.
  const resident = phone.open(TOPIC, PEOPLE.resident, { query: { id: DEMO_COUNCIL_LIFE.garden } });
  await settled();
  expect(comments(resident).querySelector('.topic-comments__draft')).toBeUndefined();
  expect(screen(resident)).toContain('还没有人发表意见');
  const late = await call(phone.emulator, PEOPLE.resident, 'council', 'comment', { topicId: DEMO_COUNCIL_LIFE.garden, content: '我也想说一句' });
  expect(late.ok).toBe(false);
  expect(late.error.message).toBe('这个议题已不在讨论期，不能再评论');
});

test('the resident reads 加装电梯 with yesterday’s 协调会, its place and its minutes, and can open its activity', async () => {
  const go = navigation();
  const resident = phone.open(TOPIC, PEOPLE.resident, { query: { id: DEMO_COUNCIL_LIFE.elevator }, wx: go.wx });
  await settled();
  const meetings = element(resident, '.topic__meetings').dom?.textContent ?? '';
  expect(meetings).toContain('协调会 · 协调会：加装电梯');
  expect(meetings).toContain('居委会二楼会议室');
  expect(meetings).toContain('已结束');
  expect(meetings).toContain('会议纪要 · 签到 3 人');
  expect(meetings).toContain('与会居民同意先做结构评估');
  expect(element(resident, '.topic__meetings').querySelector('.topic-meetings__publish')).toBeUndefined();
  tapOn(element(resident, '.topic__meetings'), '.topic-meetings__activity');
  await settled();
  expect(go.urls).toEqual([`/pages/activity-detail/activity-detail?id=${DEMO_COUNCIL_LIFE.meetingActivity}`]);
});

test('the committee publishes the minutes of a 听证会 once it has begun; residents read them on the topic', async () => {
  const now = Date.now();
  const held = await call(phone.emulator, PEOPLE.committee, 'council', 'scheduleMeeting', {
    topicId: DEMO_COUNCIL_LIFE.elevator,
    kind: 'hearing',
    title: '听证会：加装电梯',
    place: { text: '社区活动室' },
    startAt: new Date(now + 2 * 3600_000).toISOString(),
    endAt: new Date(now + 3 * 3600_000).toISOString(),
    capacity: 30,
  });
  expect(held.error).toBeUndefined();
  const minutesUrl = `/packageCouncil/pages/minutes/minutes?topicId=${DEMO_COUNCIL_LIFE.elevator}&meetingId=${held.data.id}`;
  // Before it begins: 报名参会, and no minutes yet, not even on the committee's page.
  const before = phone.open(TOPIC, PEOPLE.committee, { query: { id: DEMO_COUNCIL_LIFE.elevator } });
  await settled();
  const row = element(element(before, '.topic__meetings'), `.topic-meetings__row--${held.data.id}`);
  expect(row.dom?.textContent).toContain('报名参会');
  expect(row.dom?.textContent).toContain('社区活动室');
  expect(element(before, '.topic__meetings').querySelector('.topic-meetings__publish')).toBeUndefined();
  const early = openUrl(phone, minutesUrl, PEOPLE.committee);
  await settled();
  expect(screen(early)).toContain('会议开始后才能发布纪要');

  // Half an hour into it: 发布纪要 on the topic leads to the form.
  liveAt(phone.emulator, new Date(now + 2.5 * 3600_000));
  const go = navigation();
  const committee = phone.open(TOPIC, PEOPLE.committee, { query: { id: DEMO_COUNCIL_LIFE.elevator }, wx: go.wx });
  await settled();
  const meetings = element(committee, '.topic__meetings');
  expect(element(meetings, `.topic-meetings__row--${held.data.id}`).dom?.textContent).toContain('进行中');
  // Only this meeting is due minutes: yesterday's 协调会 has them.
  expect(meetings.querySelectorAll('.topic-meetings__publish')).toHaveLength(1);
  tapOn(meetings, '.topic-meetings__publish');
  await settled();
  expect(go.urls).toEqual([minutesUrl]);
  const form = openUrl(phone, go.urls[0], PEOPLE.committee);
  await settled();
  typeInto(form, '.minutes__text', '同意评估');
  tapOn(form, '.minutes__submit');
  await settled();
  expect(screen(form)).toContain('会议纪要至少 10 个字');
  typeInto(form, '.minutes__text', '听取了各楼层住户意见，高层住户普遍支持，一楼住户担心采光，委托第三方出具评估。');
  tapOn(form, '.minutes__submit');
  await settled();
  expect(screen(form)).toContain('纪要已公布，签到 0 人');

  const resident = phone.open(TOPIC, PEOPLE.resident, { query: { id: DEMO_COUNCIL_LIFE.elevator } });
  await settled();
  expect(element(resident, '.topic__meetings').dom?.textContent).toContain('一楼住户担心采光');
  // The committee's page is the committee's.
  const outsider = openUrl(phone, minutesUrl, PEOPLE.resident);
  await settled();
  expect(screen(outsider)).toContain('只有居委会成员可以使用这个页面');
});

test('the resident reads 中心花园改造 at 60% with its two updates; the committee carries it to 已完成', async () => {
  const resident = phone.open(TOPIC, PEOPLE.resident, { query: { id: DEMO_COUNCIL_LIFE.garden } });
  await settled();
  const project = element(resident, '.topic__project');
  expect(project.dom?.textContent).toContain('落实中 60%');
  expect(project.querySelectorAll('.topic-project__update')).toHaveLength(2);
  expect(element(project, '.topic-project__update--0').dom?.textContent).toContain('新铺地面完成，适老座椅已到货待安装');
  expect(element(project, '.topic-project__update--1').dom?.textContent).toContain('旧地砖已全部拆除，排水沟疏通完成');
  expect(project.querySelector('.topic-project__report')).toBeUndefined();

  const go = navigation();
  const committee = phone.open(TOPIC, PEOPLE.committee, { query: { id: DEMO_COUNCIL_LIFE.garden }, wx: go.wx });
  await settled();
  const proj = element(committee, '.topic__project');
  tapOn(proj, '.topic-project__report');
  await settled();
  expect(go.urls).toEqual([`/packageCouncil/pages/progress/progress?topicId=${DEMO_COUNCIL_LIFE.garden}`]);
  const form = openUrl(phone, go.urls[0], PEOPLE.committee);
  await settled();
  expect(screen(form)).toContain('落实中 60%');
  // Below the last percent: refused before any call, in the function's words.
  typeInto(form, '.progress__percent', '50');
  typeInto(form, '.progress__text', '座椅安装完成');
  tapOn(form, '.progress__submit');
  await settled();
  expect(screen(form)).toContain('进度不能低于上次的 60%');
  typeInto(form, '.progress__percent', '100');
  typeInto(form, '.progress__text', '适老座椅安装完成，晾晒区启用，改造完工');
  tapOn(form, '.progress__submit');
  await settled();
  expect(screen(form)).toContain('进展已公布，项目已完成');

  const after = phone.open(TOPIC, PEOPLE.resident, { query: { id: DEMO_COUNCIL_LIFE.garden } });
  await settled();
  const done = element(after, '.topic__project');
  expect(done.dom?.textContent).toContain('已完成');
  expect(done.querySelectorAll('.topic-project__update')).toHaveLength(3);
  expect(element(done, '.topic-project__update--0').dom?.textContent).toContain('适老座椅安装完成，晾晒区启用，改造完工');
});
