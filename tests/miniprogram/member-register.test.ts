/**
 * @jest-environment ./tests/miniprogram/jsdom-with-fetch.ts
 *
 * 党员报到 against the real `member` function: a resident finds 党员报到 on 我的, is stopped with the
 * first thing missing, registers, sees 待审核 and by when; the committee approves them onto a team and
 * gives a post; they see 已通过 with the team, the hall and their record open to them, and their team
 * on the record page. A rejected registration shows the reason and 重新报到 with the form as sent.
 */
import { call } from '../helpers/app';
import { pageTestSetup } from './page-test';
import { privacyAgreed } from './privacy-dialog';
import { element, screen, settled, tapOn, typeInto } from './screen';
import { navigation } from './demand-pages';
import { PEOPLE, TEAM, ok, warmMember } from './member-pages';

const phone = pageTestSetup({ wx: privacyAgreed });
warmMember(() => phone.emulator);

const fill = (page: ReturnType<typeof phone.open>, values: Record<string, string>) => {
  for (const [field, value] of Object.entries(values)) typeInto(page, `.register__${field}`, value);
};

test('a party member registers, the committee approves, the member sees their team on the record page', async () => {
  // 我的 offers 党员报到 and 微心愿 to a resident, not yet the hall.
  const me = phone.open('pages/me/me', PEOPLE.applicant);
  await settled();
  expect(element(me, '.me__link--memberRegister').dom?.textContent).toBe('党员报到');
  expect(element(me, '.me__link--wish').dom?.textContent).toBe('微心愿');
  expect(me.querySelector('.me__link--memberHall')).toBeUndefined();

  const page = phone.open('packageMember/pages/register/register', PEOPLE.applicant);
  await settled();
  expect(screen(page)).toContain('工作单位');
  fill(page, { 'work-unit': '新翔区人民医院', branch: '医院行政党支部', 'contact-name': '组织委员王老师', 'contact-phone': '13800001234', skills: '急救、电脑维修' });
  await settled();
  // No time to serve chosen yet: stopped before anything is sent, in the function's words.
  tapOn(page, '.register__submit');
  await settled();
  expect(screen(page)).toContain('请至少填一个可服务时间');
  expect(phone.emulator.db.find('member_registrations', { openid: PEOPLE.applicant })).toEqual([]);
  tapOn(page, '.register__time--2');
  typeInto(page, '.register__other-time', '每月第一个周日');
  tapOn(page, '.register__add-time');
  await settled();
  tapOn(page, '.register__submit');
  await settled();
  expect(screen(page)).toContain('已提交报到，等待居委会审核');
  expect(element(page, '.register__state').dom?.textContent).toBe('待审核');
  expect(screen(page)).toMatch(/居委会将在 2026年\d+月\d+日 \d\d:\d\d 前审核/);
  const stored = phone.emulator.db.find('member_registrations', { openid: PEOPLE.applicant }) as any[];
  expect(stored).toEqual([expect.objectContaining({ state: 'pending', skills: ['急救', '电脑维修'], serveTimes: ['周六上午', '每月第一个周日'] })]);
  // Sent again while pending: the function's refusal, in words.
  const twice = await call(phone.emulator, PEOPLE.applicant, 'member', 'register', {
    workUnit: '某单位',
    branch: '某支部',
    contactName: '张',
    contactPhone: '13800001111',
    skills: [],
    serveTimes: ['周六'],
  });
  expect(twice.error.message).toBe('报到信息正在审核中，请耐心等待');

  // The committee approves onto 垃圾分类督导队 and makes them 分队长.
  await ok(phone.emulator, PEOPLE.committee, 'approve', { registrationId: stored[0]._id, teamId: TEAM });
  await ok(phone.emulator, PEOPLE.committee, 'setPost', { registrationId: stored[0]._id, teamId: TEAM, post: 'squadLeader' });

  const again = phone.open('packageMember/pages/register/register', PEOPLE.applicant, { wx: navigation().wx });
  await settled();
  expect(element(again, '.register__state').dom?.textContent).toBe('已通过');
  expect(element(again, '.register__team').dom?.textContent).toBe('服务队：垃圾分类督导队 · 分队长');
  expect(again.querySelector('.register__form')).toBeUndefined();

  const record = phone.open('packageMember/pages/record/record', PEOPLE.applicant);
  await settled();
  expect(element(record, '.record__team').dom?.textContent).toBe('服务队：垃圾分类督导队 · 分队长');
  expect(screen(record)).toContain('新翔区人民医院');
  expect(element(record, '.record__cell--hours').dom?.textContent).toContain('0 小时');
  expect(element(record, '.record__cell--stars').dom?.textContent).toContain('未评定');

  // 我的 now leads to the hall, my tasks and my record.
  const meAgain = phone.open('pages/me/me', PEOPLE.applicant);
  await settled();
  for (const link of ['memberHall', 'memberTasks', 'memberRecord']) expect(meAgain.querySelector(`.me__link--${link}`)).toBeDefined();
});

test('a rejected registration shows the reason, and 重新报到 sends the corrected form', async () => {
  const page = phone.open('packageMember/pages/register/register', PEOPLE.colleague);
  await settled();
  fill(page, { 'work-unit': '某科技公司', branch: '支部', 'contact-name': '张三', 'contact-phone': '1380000', skills: '' });
  tapOn(page, '.register__time--0');
  await settled();
  tapOn(page, '.register__submit');
  await settled();
  expect(screen(page)).toContain('请填写 11 位手机号');
  typeInto(page, '.register__contact-phone', '13800001235');
  await settled();
  tapOn(page, '.register__submit');
  await settled();
  const reg = (phone.emulator.db.find('member_registrations', { openid: PEOPLE.colleague }) as any[])[0];
  await ok(phone.emulator, PEOPLE.committee, 'reject', { registrationId: reg._id, reason: '请填写单位党支部全称' });

  const back = phone.open('packageMember/pages/register/register', PEOPLE.colleague);
  await settled();
  expect(element(back, '.register__state').dom?.textContent).toBe('未通过');
  expect(element(back, '.register__reason').dom?.textContent).toBe('未通过的原因：请填写单位党支部全称');
  tapOn(back, '.register__reapply');
  await settled();
  expect(back.data.draft).toMatchObject({ workUnit: '某科技公司', contactPhone: '13800001235', serveTimes: ['工作日白天'] });
  typeInto(back, '.register__branch', '某科技公司第二党支部');
  await settled();
  tapOn(back, '.register__submit');
  await settled();
  expect(element(back, '.register__state').dom?.textContent).toBe('待审核');
  expect(phone.emulator.db.find('member_registrations', { openid: PEOPLE.colleague })).toEqual([expect.objectContaining({ state: 'pending', branch: '某科技公司第二党支部', reason: null })]);
});

test('a visitor without a building is told to bind first; the hall turns a non-member to 报到', async () => {
  const visitor = phone.open('packageMember/pages/register/register', 'demo-visitor-1');
  await settled();
  expect(screen(visitor)).toContain('请先在“我的”绑定所住楼组，再向社区报到');

  const go = navigation();
  const hall = phone.open('packageMember/pages/hall/hall', 'demo-resident-8', { wx: go.wx });
  await settled();
  expect(screen(hall)).toContain('报到通过的在职党员才能查看和认领任务');
  tapOn(hall, '.hall__register');
  await settled();
  expect(go.urls).toEqual(['/packageMember/pages/register/register']);
});
