/**
 * @jest-environment ./tests/miniprogram/jsdom-with-fetch.ts
 *
 * 微心愿 against the real `member` function: a resident posts a wish (the committee vets it first);
 * a member who claimed the demo's wish sends a note and a photo on 我的任务; the resident sees it
 * waiting on her word, confirms it (the member's hours are credited once) and rates it once for her
 * household; a second rating is refused in words, and the rating keeps no trace of her.
 */
import { pageTestSetup } from './page-test';
import { privacyAgreed } from './privacy-dialog';
import { album, phoneClockFollowsFunctions, photoFiles } from './demand-pages';
import { element, screen, settled, tapOn, typeInto } from './screen';
import { MONDAY_EARLY, PEOPLE, WISH, at, ok, warmMember } from './member-pages';

const phone = pageTestSetup({ wx: privacyAgreed });
warmMember(() => phone.emulator);
phoneClockFollowsFunctions();

let photos: string[];
beforeAll(() => {
  photos = photoFiles(1);
  at(phone.emulator, MONDAY_EARLY);
});

const text = (page: ReturnType<typeof phone.open>, selector: string) => element(page, selector).dom?.textContent ?? '';

test('a resident posts a 微心愿: too short is stopped in words, then it waits for the committee', async () => {
  const page = phone.open('packageMember/pages/wish/wish', PEOPLE.wisher);
  await settled();
  // The demo's wish, already published.
  expect(text(page, `.wish__state--${WISH}`)).toBe('等待党员认领');
  typeInto(page, '.wish__title', '灯');
  await settled();
  tapOn(page, '.wish__post');
  await settled();
  expect(text(page, '.wish__error')).toBe('标题不能少于 2 个字');
  typeInto(page, '.wish__title', '想学用智能手机挂号');
  typeInto(page, '.wish__note', '子女不在身边，周末下午方便');
  await settled();
  tapOn(page, '.wish__post');
  await settled();
  expect(text(page, '.wish__outcome')).toBe('心愿已提交，居委会审核后发布给党员认领');
  const posted = (phone.emulator.db.find('member_tasks', { title: '想学用智能手机挂号' }) as any[])[0];
  expect(posted).toMatchObject({ kind: 'wish', state: 'vetting', wisher: expect.objectContaining({ openid: PEOPLE.wisher, postedBy: PEOPLE.wisher }) });
  expect(text(page, `.wish__state--${posted._id}`)).toBe('居委会审核中');

  // Turned down with a reason: she reads it.
  await ok(phone.emulator, PEOPLE.committee, 'vetWish', { taskId: posted._id, publish: false, reason: '请到社区卫生服务中心预约助老挂号' });
  const again = phone.open('packageMember/pages/wish/wish', PEOPLE.wisher);
  await settled();
  expect(text(again, `.wish__state--${posted._id}`)).toBe('未发布');
  expect(text(again, `.wish__reason--${posted._id}`)).toBe('未发布的原因：请到社区卫生服务中心预约助老挂号');
});

test('the member sends proof with a photo, the resident confirms the wish and rates it', async () => {
  const claim = await ok(phone.emulator, PEOPLE.member, 'claim', { taskId: WISH });
  const mine = phone.open('packageMember/pages/mine/mine', PEOPLE.member, { wx: { chooseMedia: album(photos) } });
  await settled();
  expect(mine.querySelector(`.mine__checkin--${claim.id}`)).toBeUndefined();
  tapOn(mine, `.mine__proof--${claim.id}`);
  await settled();
  typeInto(mine, '.mine__proof-text', '已换好厨房灯泡，试过开关正常');
  await settled();
  tapOn(mine, '.mine__proof-submit');
  await settled();
  expect(text(mine, `.mine__result--${claim.id}`)).toBe('请拍一张服务现场的照片');
  expect(mine.data.proofNote).toBe('已换好厨房灯泡，试过开关正常');
  tapOn(element(mine, '.mine__images'), '.image-picker__add');
  await settled();
  tapOn(mine, '.mine__proof-submit');
  await settled();
  expect(text(mine, `.mine__result--${claim.id}`)).toBe('服务记录已提交，等待核实');
  expect(text(mine, `.mine__state--${claim.id}`)).toBe('待核实');
  const stored = (phone.emulator.db.find('member_claims', { _id: claim.id }) as any[])[0];
  expect(stored).toMatchObject({ state: 'submitted', note: '已换好厨房灯泡，试过开关正常' });
  expect(stored.photo).toMatch(new RegExp(`/member/${PEOPLE.member}/`));

  // The resident sees it done, in the member's words, and confirms.
  const wish = phone.open('packageMember/pages/wish/wish', PEOPLE.wisher);
  await settled();
  expect(text(wish, `.wish__state--${WISH}`)).toBe('党员已完成，请你确认');
  expect(text(wish, `.wish__proof--${WISH}`)).toBe('党员说：已换好厨房灯泡，试过开关正常');
  expect(screen(wish)).not.toContain(PEOPLE.member);
  tapOn(wish, `.wish__confirm--${WISH}`);
  await settled();
  expect(text(wish, `.wish__result--${WISH}`)).toBe('已确认，谢谢你！请给这次服务打个分');
  expect(text(wish, `.wish__state--${WISH}`)).toBe('已实现');
  expect(phone.emulator.db.find('hours_ledger', { signupId: `member-${claim.id}` })).toEqual([expect.objectContaining({ openid: PEOPLE.member, hours: 1 })]);

  tapOn(wish, `.wish__star--${WISH}-5`);
  await settled();
  expect(text(wish, `.wish__result--${WISH}`)).toBe('已评价 5 星，党员看不到是谁评的');
  expect(wish.querySelector(`.wish__star--${WISH}-5`)).toBeUndefined();
  const ratings = phone.emulator.db.find('member_ratings', { taskId: WISH });
  expect(ratings).toEqual([expect.objectContaining({ stars: 5 })]);
  expect(JSON.stringify(ratings)).not.toContain(PEOPLE.wisher);

  // The member's record: the wish, its hour and the rating (a number and a count, never who).
  const record = phone.open('packageMember/pages/record/record', PEOPLE.member);
  await settled();
  expect(text(record, '.record__cell--wishes')).toContain('1 个');
  expect(text(record, '.record__cell--rating')).toContain('5 分（1 次评价）');

  // Back later: fulfilled; a second rating from the household is refused in words.
  const later = phone.open('packageMember/pages/wish/wish', PEOPLE.wisher);
  await settled();
  expect(text(later, `.wish__state--${WISH}`)).toBe('已实现');
  tapOn(later, `.wish__star--${WISH}-1`);
  await settled();
  expect(text(later, `.wish__result--${WISH}`)).toBe('你家已经评价过这项服务');
  expect(phone.emulator.db.find('member_ratings', { taskId: WISH })).toHaveLength(1);
});
