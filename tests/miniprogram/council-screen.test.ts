/**
 * @jest-environment ./tests/miniprogram/jsdom-with-fetch.ts
 *
 * A topic from proposal to the committee's answer, by taps on the pages against the real `council`
 * function: a resident proposes 加装电梯 with a photo on 提议题; ten households support it and it
 * goes to screening; the committee finds it on its desk, declines it with a public reason, and the
 * resident reads the reason on the topic and in the 议事厅's 未受理; another topic is accepted.
 */
import { call } from '../helpers/app';
import { pageTestSetup } from './page-test';
import { privacyAgreed } from './privacy-dialog';
import { element, screen, settled, tapOn, typeInto } from './screen';
import { album, answerDialog, liveAt, navigation, openUrl, phoneClockFollowsFunctions, photoFiles } from './demand-pages';
import { PEOPLE, streetOfHouseholds, supportAs, warmCouncil } from './council-pages';

const phone = pageTestSetup({ wx: privacyAgreed });
warmCouncil(() => phone.emulator);
phoneClockFollowsFunctions();

const START = new Date('2026-11-05T02:00:00Z');
let street: { bodyId: string; people: string[] };
beforeAll(async () => {
  liveAt(phone.emulator, START);
  street = await streetOfHouseholds(phone.emulator, 'cs-building', 12, '9号楼加装电梯工作委员会');
}, 60_000);

test('proposed with a photo, supported past the threshold, declined with a reason the resident reads', async () => {
  const proposer = street.people[0];
  const go = navigation();
  const form = phone.open('packageCouncil/pages/propose/propose', proposer, { query: { bodyId: street.bodyId }, wx: { chooseMedia: album(photoFiles(1)), ...go.wx } });
  await settled();
  expect(form.data.bodyId).toBe(street.bodyId);
  // Too short is stopped before anything is sent, with what to do.
  typeInto(form, '.propose__title', '加装电梯');
  typeInto(form, '.propose__content', '装电梯');
  tapOn(form, '.propose__submit');
  await settled();
  expect(screen(form)).toContain('议题内容至少 5 个字');
  typeInto(form, '.propose__content', '9号楼住着很多高龄老人，上下楼困难，建议申请加装电梯，费用按楼层分摊。');
  tapOn(element(form, '.propose__images'), '.image-picker__add');
  await settled();
  tapOn(form, '.propose__submit');
  await settled();
  expect(screen(form)).toContain('议题已提出');
  const topicId: string = form.data.proposedId;
  const [stored] = phone.emulator.db.find('council_topics', { _id: topicId }) as any[];
  expect(stored).toMatchObject({ title: '加装电梯', stage: 'proposed', bodyId: street.bodyId, threshold: 10 });
  expect(stored.photos).toHaveLength(1);
  expect(stored.photos[0]).toMatch(new RegExp(`/council/${proposer}/`));
  tapOn(form, '.propose__view');
  await settled();
  expect(go.urls).toEqual([`/packageCouncil/pages/topic/topic?id=${topicId}`]);

  // Ten households support it: it goes to the party organisation's screening.
  await supportAs(phone.emulator, topicId, street.people.slice(0, 10));
  const mine = openUrl(phone, go.urls[0], proposer);
  await settled();
  expect(screen(mine)).toContain('待审查');
  expect(screen(mine)).toContain('附议已达标，待党组织审查');
  expect(screen(mine)).toContain('10/10 户附议');
  expect(mine.data.screen.head.photos).toHaveLength(1);

  // The committee's desk lists it under 待审查; the topic offers 受理 and 不予受理.
  const deskGo = navigation();
  const desk = phone.open('packageCouncil/pages/desk/desk', PEOPLE.committee, { wx: deskGo.wx });
  await settled();
  expect(desk.data.stage).toBe('screening');
  tapOn(element(desk, `.desk__row--${topicId}`), '.topic-row');
  await settled();
  expect(deskGo.urls).toEqual([`/packageCouncil/pages/topic/topic?id=${topicId}`]);
  const committee = openUrl(phone, deskGo.urls[0], PEOPLE.committee, { showModal: answerDialog('本楼不具备加装条件，已转交区住建委评估') });
  await settled();
  expect(committee.querySelector('.topic__accept')).toBeDefined();
  tapOn(committee, '.topic__decline');
  await settled();
  expect(screen(committee)).toContain('已不予受理，理由已公开');
  expect(screen(committee)).toContain('未受理：本楼不具备加装条件，已转交区住建委评估');
  expect(committee.querySelector('.topic__committee')).toBeUndefined();

  // The resident reads the reason on the topic and in the 议事厅's 未受理.
  const resident = phone.open('packageCouncil/pages/topic/topic', street.people[5], { query: { id: topicId } });
  await settled();
  expect(screen(resident)).toContain('未受理：本楼不具备加装条件，已转交区住建委评估');
  const hall = phone.open('packageCouncil/pages/topics/topics', street.people[5], { query: { stage: 'declined' } });
  await settled();
  expect(element(hall, `.topics__row--${topicId}`).dom?.textContent).toContain('本楼不具备加装条件');
});

test('a reason too short is not sent; accepting moves the topic to 已受理 with 发起表决 offered', async () => {
  const made = await call(phone.emulator, street.people[1], 'council', 'propose', { bodyId: street.bodyId, title: '楼道照明改造', content: '楼道灯太暗，老人晚上上下楼看不清台阶。' });
  const topicId = made.data.id;
  await supportAs(phone.emulator, topicId, street.people.slice(0, 10));

  const committee = phone.open('packageCouncil/pages/topic/topic', PEOPLE.committee, { query: { id: topicId }, wx: { showModal: answerDialog('否') } });
  await settled();
  tapOn(committee, '.topic__decline');
  await settled();
  expect(screen(committee)).toContain('理由至少 2 个字');
  expect(phone.emulator.db.find('council_topics', { _id: topicId })[0]).toMatchObject({ stage: 'screening' });

  tapOn(committee, '.topic__accept');
  await settled();
  expect(screen(committee)).toContain('党组织审查：已受理');
  expect(committee.querySelector('.topic__open-vote')).toBeDefined();
  expect(phone.emulator.db.find('council_topics', { _id: topicId })[0]).toMatchObject({ stage: 'accepted' });
});
