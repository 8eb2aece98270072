/**
 * @jest-environment ./tests/miniprogram/jsdom-with-fetch.ts
 *
 * 我的任务 and 我的服务记录 against the real `member` function: a member's bin-station shift is
 * scanned in too early (refused, in words), then in and out with the committee's live code on site;
 * the committee verifies and the record shows the hours, clamped to the shift, and the points; the
 * posted stars read 公示中 and the member objects with a reason. A
 * colleague asks the member to take their shift by 换班码 and a chat card; the member accepts it.
 */
import { pageTestSetup } from './page-test';
import { privacyAgreed } from './privacy-dialog';
import { answerDialog, phoneClockFollowsFunctions } from './demand-pages';
import { element, screen, settled, tapOn } from './screen';
import { MINUTE, MONDAY_EARLY, PEOPLE, approvedMember, at, liveCode, ok, scannerAt, warmMember } from './member-pages';

const phone = pageTestSetup({ wx: privacyAgreed });
warmMember(() => phone.emulator);
phoneClockFollowsFunctions();

const MONDAY_SHIFT = 'demo-rota-bins-20261102';
const TUESDAY_SHIFT = 'demo-rota-bins-20261103';
const HOUR = 60 * MINUTE;
beforeAll(async () => {
  at(phone.emulator, MONDAY_EARLY);
  await approvedMember(phone.emulator, PEOPLE.colleague);
}, 60_000);

const text = (page: ReturnType<typeof phone.open>, selector: string) => element(page, selector).dom?.textContent ?? '';

test('a shift scanned in and out on site, verified by the committee, shows in my hours and points', async () => {
  const claim = await ok(phone.emulator, PEOPLE.member, 'claim', { taskId: MONDAY_SHIFT });
  let token = '';
  const scanCode = scannerAt(() => token);

  // 05:00: a QR that is not a check-in code is refused as such; two hours before the start the live code is read, but check-in is not open yet.
  token = 'https://example.com/not-a-code';
  const early = phone.open('packageMember/pages/mine/mine', PEOPLE.member, { wx: { scanCode } });
  await settled();
  tapOn(early, `.mine__checkin--${claim.id}`);
  await settled();
  expect(text(early, `.mine__result--${claim.id}`)).toContain('签到码无效，请重新扫码');
  token = await liveCode(phone.emulator, MONDAY_SHIFT);
  expect(text(early, `.mine__state--${claim.id}`)).toBe('已认领');
  expect(early.querySelector(`.mine__swap-ask--${claim.id}`)).toBeDefined();
  expect(early.querySelector(`.mine__proof--${claim.id}`)).toBeUndefined();
  expect(screen(early)).toContain(`我的换班码：${PEOPLE.member}`);
  tapOn(early, `.mine__checkin--${claim.id}`);
  await settled();
  expect(text(early, `.mine__result--${claim.id}`)).toBe('还没到签到时间，开始前 1 小时内可以签到');

  // 06:45 at the bin station: in with the code on the committee's screen.
  at(phone.emulator, new Date(MONDAY_EARLY.getTime() + HOUR + 45 * MINUTE));
  token = await liveCode(phone.emulator, MONDAY_SHIFT);
  const arrive = phone.open('packageMember/pages/mine/mine', PEOPLE.member, { wx: { scanCode } });
  await settled();
  tapOn(arrive, `.mine__checkin--${claim.id}`);
  await settled();
  expect(text(arrive, `.mine__result--${claim.id}`)).toBe('签到成功');
  expect(text(arrive, `.mine__state--${claim.id}`)).toBe('已签到');
  expect(text(arrive, `.mine__detail--${claim.id}`)).toMatch(/签到 06:4\d/);
  expect(arrive.querySelector(`.mine__cancel--${claim.id}`)).toBeUndefined();
  expect(scanCode).toHaveBeenCalledTimes(3);

  // 09:10: out; a code of another shift would not do.
  at(phone.emulator, new Date(MONDAY_EARLY.getTime() + 4 * HOUR + 10 * MINUTE));
  token = await liveCode(phone.emulator, TUESDAY_SHIFT);
  const leave = phone.open('packageMember/pages/mine/mine', PEOPLE.member, { wx: { scanCode } });
  await settled();
  tapOn(leave, `.mine__checkout--${claim.id}`);
  await settled();
  expect(text(leave, `.mine__result--${claim.id}`)).toBe('这不是本任务的签到码');
  token = await liveCode(phone.emulator, MONDAY_SHIFT);
  tapOn(leave, `.mine__checkout--${claim.id}`);
  await settled();
  expect(text(leave, `.mine__result--${claim.id}`)).toBe('签退成功，服务时长等居委会核实后计入');
  expect(text(leave, `.mine__state--${claim.id}`)).toBe('待核实');
  tapOn(leave, '.mine__group--waiting');
  await settled();
  expect(screen(leave)).toContain('桶前值守（11-02）');
  tapOn(leave, '.mine__group--done');
  await settled();
  expect(screen(leave)).not.toContain('桶前值守（11-02）');

  // The committee verifies: 06:4x–09:10 clamped to 07:00–09:00 is 2 h; 2 × 10 + 2 for a shift.
  expect(await ok(phone.emulator, PEOPLE.committee, 'verify', { claimId: claim.id })).toMatchObject({ state: 'verified', hours: 2, points: 22 });
  const done = phone.open('packageMember/pages/mine/mine', PEOPLE.member);
  await settled();
  expect(text(done, `.mine__state--${claim.id}`)).toBe('已核实');
  expect(text(done, `.mine__detail--${claim.id}`)).toContain('2 小时 · 22 积分');

  const record = phone.open('packageMember/pages/record/record', PEOPLE.member);
  await settled();
  expect(text(record, '.record__team')).toBe('服务队：垃圾分类督导队 · 督导员');
  expect(text(record, '.record__cell--hours')).toContain('2 小时');
  expect(text(record, '.record__cell--points')).toContain('22');
  expect(text(record, '.record__cell--tasks')).toContain('1 项');
  expect(text(record, '.record__cell--rating')).toContain('暂无评价');
  expect(record.querySelector('.record__object')).toBeUndefined();
  tapOn(record, '.record__year--2025');
  await settled();
  expect(text(record, '.record__cell--hours')).toContain('0 小时');
});

test('岗位评星 posted: the member sees the stars in their 5 days of 公示 and objects with a reason', async () => {
  const reg = (await ok(phone.emulator, PEOPLE.member, 'me', {})).registration;
  await ok(phone.emulator, PEOPLE.committee, 'scoreMember', { registrationId: reg.id, year: 2026, peer: 90, party: 95 });
  await ok(phone.emulator, PEOPLE.committee, 'postStars', { communityId: 'demo-community', year: 2026 });
  const record = phone.open('packageMember/pages/record/record', PEOPLE.member, { wx: { showModal: answerDialog('好') } });
  await settled();
  expect(text(record, '.record__cell--stars')).toMatch(/^岗位星级★+☆* 公示中（[\d.]+ 分）$/);
  expect(screen(record)).toMatch(/评星公示至 2026年11月7日 \d\d:\d\d/);
  // Too short a reason is stopped in the function's words; a real one is sent.
  tapOn(record, '.record__object');
  await settled();
  expect(text(record, '.record__outcome')).toBe('理由不能少于 2 个字');
  const objecting = phone.open('packageMember/pages/record/record', PEOPLE.member, { wx: { showModal: answerDialog('今年还带队完成了三次桶前值守培训') } });
  await settled();
  tapOn(objecting, '.record__object');
  await settled();
  expect(text(objecting, '.record__outcome')).toBe('已提出异议，居委会将重新评定');
  expect(text(objecting, '.record__cell--stars')).toContain('有异议，待重新评定');
  expect(objecting.querySelector('.record__object')).toBeUndefined();
  expect(phone.emulator.db.find('member_stars', { openid: PEOPLE.member })).toEqual([expect.objectContaining({ state: 'objected', objection: '今年还带队完成了三次桶前值守培训' })]);
});

test('a colleague asks the member to take their shift by 换班码; the member accepts from the chat card', async () => {
  const claim = await ok(phone.emulator, PEOPLE.colleague, 'claim', { taskId: TUESDAY_SHIFT });
  const wrong = phone.open('packageMember/pages/mine/mine', PEOPLE.colleague, { wx: { showModal: answerDialog('不是换班码!') } });
  await settled();
  tapOn(wrong, `.mine__swap-ask--${claim.id}`);
  await settled();
  expect(text(wrong, `.mine__result--${claim.id}`)).toBe('换班码不正确，请对方在“我的任务”里查看');

  const ask = phone.open('packageMember/pages/mine/mine', PEOPLE.colleague, { wx: { showModal: answerDialog(` ${PEOPLE.member} `) } });
  await settled();
  tapOn(ask, `.mine__swap-ask--${claim.id}`);
  await settled();
  expect(text(ask, `.mine__result--${claim.id}`)).toBe('已请对方接班：点“发给对方”把请求发到微信聊天');
  expect(screen(ask)).toContain('已请对方接班，等待对方接受');
  expect(ask.querySelector(`.mine__share--${claim.id}`)).toBeDefined();
  const card = ask.instance.onShareAppMessage({ from: 'button', target: { dataset: { id: claim.id } } });
  expect(card.path).toBe(`/packageMember/pages/mine/mine?swap=${claim.id}`);

  // The member opens the card: 接受换班, and the shift is theirs.
  const query = Object.fromEntries(new URLSearchParams(card.path.split('?')[1]));
  const accept = phone.open('packageMember/pages/mine/mine', PEOPLE.member, { query });
  await settled();
  expect(screen(accept)).toContain('有党员请你接下他的值守班次');
  tapOn(accept, '.mine__accept-swap');
  await settled();
  expect(text(accept, '.mine__swap-outcome')).toBe('你已接下这个班次');
  expect(text(accept, `.mine__state--${claim.id}`)).toBe('已认领');
  expect(screen(accept)).toContain('桶前值守（11-03）');
  expect(phone.emulator.db.find('member_claims', { _id: claim.id })).toEqual([expect.objectContaining({ openid: PEOPLE.member, swapTo: null })]);

  // The colleague no longer holds it.
  const after = phone.open('packageMember/pages/mine/mine', PEOPLE.colleague);
  await settled();
  expect(after.querySelector(`.mine__row--${claim.id}`)).toBeUndefined();
});
