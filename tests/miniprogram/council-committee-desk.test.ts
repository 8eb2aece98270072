/**
 * @jest-environment ./tests/miniprogram/jsdom-with-fetch.ts
 *
 * The committee's consultation screens by taps, against the real `council` function and the demo
 * seed: on 加装电梯 (under deliberation) it calls a 协调会 from the topic page, with day, time, place
 * and places; the meeting is an activity residents sign up for from the topic. On the desk's 待审评论
 * it reads a comment the content check held, with why, publishes one, hides another with a reason
 * its author reads, and restores it. On 中心花园改造, being carried out, it calls a 评议会 whose
 * published minutes close the project at 60% and the topic is done.
 */
import { call } from '../helpers/app';
import { DEMO_COUNCIL_LIFE } from '../../server/seed/demo-council-life';
import { pageTestSetup } from './page-test';
import { privacyAgreed } from './privacy-dialog';
import { element, screen, settled, tapOn, typeInto } from './screen';
import { answerDialog, liveAt, navigation, openUrl, phoneClockFollowsFunctions } from './demand-pages';
import { pick } from './committee-activity-form';
import { PEOPLE, warmCouncil } from './council-pages';

const phone = pageTestSetup({ wx: privacyAgreed });
warmCouncil(() => phone.emulator);
phoneClockFollowsFunctions();

const TOPIC = 'packageCouncil/pages/topic/topic';
const DAY = 24 * 3600_000;
/** The Shanghai calendar day `days` from now, as the date picker gives it. */
const shanghaiDay = (days: number) => new Date(Date.now() + days * DAY + 8 * 3600_000).toISOString().slice(0, 10);

test('the committee calls a 协调会 on 加装电梯 from the topic page; residents sign up for it there', async () => {
  const go = navigation();
  const committee = phone.open(TOPIC, PEOPLE.committee, { query: { id: DEMO_COUNCIL_LIFE.elevator }, wx: go.wx });
  await settled();
  tapOn(committee, '.topic__meeting');
  await settled();
  expect(go.urls).toEqual([`/packageCouncil/pages/meeting/meeting?topicId=${DEMO_COUNCIL_LIFE.elevator}`]);
  const form = openUrl(phone, go.urls[0], PEOPLE.committee);
  await settled();
  expect(screen(form)).toContain('议题：加装电梯');
  // While the topic is open all three meetings may be called; 协调会 is chosen first.
  expect(form.querySelectorAll('.meeting__kind')).toHaveLength(3);
  expect(form.data.draft.kind).toBe('coordination');

  // Refused on the page, in the function's words, before anything is sent.
  typeInto(form, '.meeting__capacity', '0');
  tapOn(form, '.meeting__submit');
  await settled();
  expect(screen(form)).toContain('名额应为 1–5000 的整数');
  typeInto(form, '.meeting__capacity', '40');
  pick(form, '.meeting__start', '20:00');
  pick(form, '.meeting__end', '19:00');
  tapOn(form, '.meeting__submit');
  await settled();
  expect(screen(form)).toContain('结束时间要晚于开始时间');
  expect(phone.emulator.db.find('council_meetings', { topicId: DEMO_COUNCIL_LIFE.elevator })).toHaveLength(1);

  const day = shanghaiDay(3);
  pick(form, '.meeting__day', day);
  pick(form, '.meeting__start', '18:30');
  pick(form, '.meeting__end', '20:00');
  typeInto(form, '.meeting__place', '社区党群服务站');
  tapOn(form, '.meeting__submit');
  await settled();
  expect(screen(form)).toContain('已召开协调会');
  expect(screen(form)).toContain('社区党群服务站');
  expect(screen(form)).toContain('居民可在议题页报名，到场扫码签到');

  // Stored as a meeting and as the activity residents sign up for, at 18:30 Shanghai time.
  const called = phone.emulator.db.find('council_meetings', { topicId: DEMO_COUNCIL_LIFE.elevator, placeText: '社区党群服务站' }) as any[];
  expect(called).toHaveLength(1);
  expect(called[0]).toMatchObject({ kind: 'coordination', startAt: new Date(`${day}T18:30:00+08:00`) });
  const [activity] = phone.emulator.db.find('activities', { _id: called[0].activityId }) as any[];
  expect(activity).toMatchObject({ capacity: 40, councilTopicId: DEMO_COUNCIL_LIFE.elevator });

  const seen = navigation();
  const resident = phone.open(TOPIC, PEOPLE.resident, { query: { id: DEMO_COUNCIL_LIFE.elevator }, wx: seen.wx });
  await settled();
  const meetings = element(resident, '.topic__meetings');
  expect(element(meetings, `.topic-meetings__row--${called[0]._id}`).dom?.textContent).toContain('社区党群服务站');
  expect(resident.querySelector('.topic__meeting')).toBeUndefined();
  tapOn(meetings, `.topic-meetings__row--${called[0]._id} .topic-meetings__signup`);
  await settled();
  expect(seen.urls).toEqual([`/pages/activity-detail/activity-detail?id=${called[0].activityId}`]);

  // The committee's page is the committee's.
  const outsider = openUrl(phone, go.urls[0], PEOPLE.resident);
  await settled();
  expect(screen(outsider)).toContain('只有居委会成员可以使用这个页面');
});

test('a topic being carried out takes only a 评议会', async () => {
  const form = phone.open('packageCouncil/pages/meeting/meeting', PEOPLE.committee, { query: { topicId: DEMO_COUNCIL_LIFE.garden } });
  await settled();
  expect(form.querySelectorAll('.meeting__kind')).toHaveLength(1);
  expect(form.data.draft.kind).toBe('review');
});

test('the committee clears 待审评论: why each was held, 发布, 隐藏 with a reason, and 恢复', async () => {
  const held = await call(phone.emulator, PEOPLE.resident, 'council', 'comment', { topicId: DEMO_COUNCIL_LIFE.elevator, content: '想了解进展的可以加微信私聊我' });
  const fine = await call(phone.emulator, PEOPLE.proposer, 'council', 'comment', { topicId: DEMO_COUNCIL_LIFE.elevator, content: '电梯的事大家可以加群讨论' });
  expect(held.data.status).toBe('review');
  expect(fine.data.status).toBe('review');

  const go = navigation();
  const desk = phone.open('packageCouncil/pages/desk/desk', PEOPLE.committee, { wx: go.wx });
  await settled();
  tapOn(desk, '.desk__comments');
  await settled();
  expect(go.urls).toEqual(['/packageCouncil/pages/comment-queue/comment-queue']);
  const queue = openUrl(phone, go.urls[0], PEOPLE.committee, { showModal: answerDialog('含个人联系方式，请在议题下留言') });
  await settled();
  const heldRow = element(queue, `.comment-queue__row--${held.data.id}`);
  expect(heldRow.dom?.textContent).toContain('想了解进展的可以加微信私聊我');
  expect(heldRow.dom?.textContent).toContain('内容安全检查提示可能含有广告信息');

  tapOn(queue, `.comment-queue__row--${fine.data.id} .comment-queue__publish`);
  await settled();
  expect(screen(queue)).toContain('已发布，居民可见');
  tapOn(queue, `.comment-queue__row--${held.data.id} .comment-queue__hide`);
  await settled();
  expect(element(queue, `.comment-queue__row--${held.data.id}`).dom?.textContent).toContain('已隐藏：含个人联系方式，请在议题下留言');
  expect(phone.emulator.db.find('council_comments', { _id: held.data.id })[0]).toMatchObject({ status: 'hidden', hideReason: '含个人联系方式，请在议题下留言' });
  // The author reads why on the topic (asked of the function: the phone stays the committee's).
  const theirs = await call(phone.emulator, PEOPLE.resident, 'council', 'comments', { topicId: DEMO_COUNCIL_LIFE.elevator });
  expect(theirs.data.items.find((c: { id: string }) => c.id === held.data.id)).toMatchObject({ status: 'hidden', hideReason: '含个人联系方式，请在议题下留言', checkWhy: null });

  // Changed its mind: 恢复 publishes it.
  tapOn(queue, `.comment-queue__row--${held.data.id} .comment-queue__publish`);
  await settled();
  expect(screen(queue)).toContain('已恢复，居民可见');
  expect(phone.emulator.db.find('council_comments', { _id: held.data.id })[0]).toMatchObject({ status: 'published', hideReason: null });

  // Read again, the queue is empty; a resident is refused the page.
  const again = phone.open('packageCouncil/pages/comment-queue/comment-queue', PEOPLE.committee);
  await settled();
  expect(screen(again)).toContain('没有待审的评论');
  const resident = phone.open('packageCouncil/pages/comment-queue/comment-queue', PEOPLE.resident);
  await settled();
  expect(screen(resident)).toContain('只有居委会成员可以使用这个页面');
});

test('a 评议会 on 中心花园改造 whose minutes are published closes its project at 60%, and the topic is done', async () => {
  const go = navigation();
  const committee = phone.open(TOPIC, PEOPLE.committee, { query: { id: DEMO_COUNCIL_LIFE.garden }, wx: go.wx });
  await settled();
  tapOn(committee, '.topic__meeting');
  await settled();
  const form = openUrl(phone, go.urls[0], PEOPLE.committee);
  await settled();
  // Tomorrow evening by default, in the committee's room; only a 评议会 while it is carried out.
  typeInto(form, '.meeting__title', '评议会：中心花园改造');
  tapOn(form, '.meeting__submit');
  await settled();
  expect(screen(form)).toContain('已召开评议会');
  const [review] = phone.emulator.db.find('council_meetings', { topicId: DEMO_COUNCIL_LIFE.garden, kind: 'review' }) as any[];

  // Half an hour into it, the committee publishes the minutes from the topic.
  liveAt(phone.emulator, new Date(review.startAt.getTime() + 30 * 60_000));
  const minutesGo = navigation();
  const during = phone.open(TOPIC, PEOPLE.committee, { query: { id: DEMO_COUNCIL_LIFE.garden }, wx: minutesGo.wx });
  await settled();
  tapOn(element(during, '.topic__meetings'), '.topic-meetings__publish');
  await settled();
  const minutes = openUrl(phone, minutesGo.urls[0], PEOPLE.committee);
  await settled();
  typeInto(minutes, '.minutes__text', '评议会听取落实情况汇报，与会居民认可地面和排水改造，座椅由物业后续安装，同意项目办结。');
  tapOn(minutes, '.minutes__submit');
  await settled();
  expect(screen(minutes)).toContain('纪要已公布');

  const resident = phone.open(TOPIC, PEOPLE.resident, { query: { id: DEMO_COUNCIL_LIFE.garden } });
  await settled();
  const project = element(resident, '.topic__project').dom?.textContent ?? '';
  expect(project).toContain('已完成');
  expect(project).toContain('评议会评议后办结（评议会：中心花园改造，纪要已公布），完成 60%');
  expect(phone.emulator.db.find('council_topics', { _id: DEMO_COUNCIL_LIFE.garden })[0]).toMatchObject({ stage: 'done' });
  expect(phone.emulator.db.find('council_projects', { topicId: DEMO_COUNCIL_LIFE.garden })[0]).toMatchObject({ status: 'done', percent: 60 });
  // Done: no more meetings, no more progress.
  expect(resident.querySelector('.topic__meeting')).toBeUndefined();
});
