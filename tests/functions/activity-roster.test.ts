import { Emulator } from '../../emulator/app';
import { ActivityDoc } from '../../server/repositories/activities';
import { SignupDoc } from '../../server/repositories/signups';
import { call, startApp } from '../helpers/app';
import { HOUR, fromNow, insertActivity, insertSignup, shift } from './attendance-fixtures';
import { MASKED_PHONE, addOtherCommunity, audits, okCall } from './neighbourhood';

/**
 * The committee's roster of an activity: who signed up, what they answered, when they came and left
 * and the hours it earned; phones masked unless asked for on purpose (audited); as a CSV file in cloud
 * storage that Excel opens with its Chinese intact.
 */

const COMMITTEE = 'demo-committee';

describe('the roster', () => {
  let emulator: Emulator;
  let activityId: string;
  beforeAll(async () => {
    emulator = await startApp();
    await addOtherCommunity(emulator);
    const activity = await okCall(emulator, COMMITTEE, 'activity', 'create', {
      communityId: 'demo-community',
      fields: {
        title: '中医义诊',
        description: '社区卫生服务中心的医生来活动室义诊。',
        series: 'wellness',
        place: { text: '居民区活动室' },
        startAt: fromNow(48 * HOUR).toISOString(),
        endAt: fromNow(50 * HOUR).toISOString(),
        signupOpensAt: fromNow(-HOUR).toISOString(),
        signupClosesAt: fromNow(24 * HOUR).toISOString(),
        capacity: 30,
        approval: 'auto',
        audience: { kind: 'community' },
        form: { phone: 'optional', companionsMax: 2, note: 'optional' },
        shifts: [],
      },
    });
    activityId = activity.id;
    await okCall(emulator, 'demo-resident-1', 'activity', 'signup', { activityId, answers: { phone: '13912345678', companions: 1, note: '带孙子一起' } });
    await okCall(emulator, 'demo-resident-2', 'activity', 'signup', { activityId, answers: {} });
    await okCall(emulator, 'demo-resident-3', 'activity', 'signup', { activityId, answers: { note: '腿脚不便' } });
  });
  afterAll(() => emulator.close());

  const roster = (data: Record<string, unknown>, as = COMMITTEE) => call(emulator, as, 'activity', 'roster', { activityId, ...data });

  it('lists signups in signup order, 2 a page here, with name, building, masked phone and answers; nothing is audited', async () => {
    const first = await roster({ limit: 2 });
    const second = await roster({ limit: 2, cursor: first.data.nextCursor });
    expect(first.data.items.map((e: any) => [e.displayName, e.building, e.phone, e.answers])).toEqual([
      ['王秀英', '1号楼', '139****5678', { companions: 1, note: '带孙子一起' }],
      // No phone given for this activity: the one in the profile, masked just the same.
      ['李美玲', '2号楼', '138****0001', { companions: 0, note: null }],
    ]);
    expect(first.data.items[0].signup).toMatchObject({ openid: 'demo-resident-1', status: 'confirmed', seats: 2, checkinAt: null, checkoutAt: null, hours: null });
    expect(second.data.items.map((e: any) => e.signup.openid)).toEqual(['demo-resident-3']);
    expect(second.data.nextCursor).toBeNull();
    expect([first, second].flatMap((p) => p.data.items.map((e: any) => e.phone)).every((p: string) => MASKED_PHONE.test(p))).toBe(true);
    expect([first.data.csvFileId, first.data.csvUrl]).toEqual([null, null]);
    expect(audits(emulator, { target: activityId })).toEqual([]);
  });

  it('unmask shows full phones, and the audit log records who saw how many', async () => {
    const page = await roster({ unmask: true });
    expect(page.data.items.map((e: any) => e.phone)).toEqual(['13912345678', '13800000001', '13800000002']);
    expect(audits(emulator, { target: activityId })).toEqual([
      expect.objectContaining({ actor: COMMITTEE, action: 'unmaskPhones', detail: { communityId: 'demo-community', roster: 'page', count: 3 } }),
    ]);
  });

  it('filters by status', async () => {
    expect((await roster({ status: 'waitlisted' })).data.items).toEqual([]);
    expect((await roster({ status: 'confirmed' })).data.items).toHaveLength(3);
  });

  it.each([
    ['a resident', 'demo-resident-1'],
    ['a volunteer', 'demo-volunteer-1'],
    ["another community's committee", 'other-committee'],
  ])('%s may not see it', async (_who, openid) => {
    expect(await roster({}, openid)).toEqual({ ok: false, error: { code: 'PERMISSION_DENIED', message: expect.any(String) } });
  });
});

describe('the roster as a CSV file', () => {
  let emulator: Emulator;
  let activity: ActivityDoc;
  const at = (shanghai: string) => new Date(`${shanghai}:00+08:00`);
  beforeAll(async () => {
    emulator = await startApp();
    activity = await insertActivity(emulator, { startAt: at('2026-03-07T09:00'), endAt: at('2026-03-07T11:00'), shifts: [shift(1, at('2026-03-07T09:00'), 2, '引导员')] });
    await insertSignup(emulator, activity, 'demo-resident-1', {
      shiftId: 's1',
      createdAt: at('2026-03-01T20:00'),
      answers: { phone: '13912345678', companions: 0, note: '=HYPERLINK("x")' },
      checkinAt: at('2026-03-07T08:50'),
      checkoutAt: at('2026-03-07T11:10'),
      hours: 2,
    });
    await insertSignup(emulator, activity, 'demo-resident-2', { createdAt: at('2026-03-01T20:05'), answers: { phone: null, companions: 1, note: '一楼, 靠门' }, checkinAt: at('2026-03-07T09:05') });
    await insertSignup(emulator, activity, 'demo-resident-3', { createdAt: at('2026-03-01T20:10'), status: 'waitlisted' });
  });
  afterAll(() => emulator.close());

  /** Fetches the export as the committee's phone would, by the link in the answer. */
  async function downloadCsv(answer: { csvUrl: string }): Promise<Buffer> {
    const res = await fetch(answer.csvUrl);
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  }

  it('is uploaded to cloud storage and linked for 10 minutes: UTF-8 with a byte-order mark, Shanghai times, masked phones, formula-looking notes defused', async () => {
    const answer = await okCall(emulator, COMMITTEE, 'activity', 'roster', { activityId: activity._id, format: 'csv' });
    expect(answer.items).toEqual([]);
    expect(answer.csvFileId).toMatch(new RegExp(`^cloud://youlin-local\\.${emulator.storage.bucket}/private/rosters/${activity._id}/.+\\.csv$`));
    const bytes = await downloadCsv(answer);
    expect(await emulator.storage.read(answer.csvFileId)).toEqual(bytes);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8').slice(1).split('\r\n')).toEqual([
      '序号,昵称,楼组,手机号,状态,岗位,同行人数,备注,报名时间,签到时间,签退时间,志愿时长（小时）',
      `1,王秀英,1号楼,139****5678,已报名,引导员,0,"'=HYPERLINK(""x"")",2026-03-01 20:00,2026-03-07 08:50,2026-03-07 11:10,2`,
      '2,李美玲,2号楼,138****0001,已报名,,1,"一楼, 靠门",2026-03-01 20:05,2026-03-07 09:05,,',
      '3,张永康,3号楼,138****0002,候补中,,0,,2026-03-01 20:10,,,',
      '',
    ]);
    expect(audits(emulator, { target: activity._id })).toEqual([]);
  });

  it('unmasked, it carries full phones and the export is audited', async () => {
    const answer = await okCall(emulator, COMMITTEE, 'activity', 'roster', { activityId: activity._id, format: 'csv', unmask: true, status: 'confirmed' });
    const text = (await downloadCsv(answer)).toString('utf8');
    expect(text).toContain(',13912345678,');
    expect(text).toContain(',13800000001,');
    expect(text).not.toContain('张永康');
    expect(audits(emulator, { target: activity._id })).toEqual([
      expect.objectContaining({ actor: COMMITTEE, action: 'unmaskPhones', detail: { communityId: 'demo-community', roster: 'csv', count: 2 } }),
    ]);
  });

  it('a roster of more than 2,000 signups is refused, with a way out', async () => {
    const big = await insertActivity(emulator);
    const signups: SignupDoc[] = Array.from({ length: 2001 }, (_, i) => ({
      _id: `big-${i}`,
      activityId: big._id,
      shiftId: null,
      communityId: big.communityId,
      openid: `crowd-${i}`,
      status: 'confirmed',
      liveKey: `${big._id}|-|crowd-${i}`,
      answers: { phone: null, companions: 0, note: null },
      seats: 1,
      reason: null,
      createdAt: new Date(Date.UTC(2026, 2, 1, 0, 0, i)),
      decidedAt: null,
      checkinAt: null,
      checkoutAt: null,
      hours: null,
    }));
    await emulator.db.insert('signups', signups);
    expect(await call(emulator, COMMITTEE, 'activity', 'roster', { activityId: big._id, format: 'csv' })).toEqual({
      ok: false,
      error: { code: 'RESOURCE_EXHAUSTED', message: '名单超过 2000 条，请按岗位或报名状态分批导出' },
    });
  });
});
