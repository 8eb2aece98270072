/**
 * The activity form's pure side: Shanghai wall-clock times to UTC and back, the first problem in
 * plain words, only the changed fields on an edit; and the roster's CSV row count.
 */
import { changedFields, checkValues, rawFields } from '../../miniprogram/packageCommittee/pages/activity-form/fields';
import { defaultValues, newShift, shanghaiIso, shanghaiParts, valuesFrom } from '../../miniprogram/packageCommittee/pages/activity-form/view';
import { csvRowCount } from '../../miniprogram/packageCommittee/pages/roster/view';

const NOW = Date.parse('2026-11-21T08:30:00Z'); // 16:30 in Shanghai

describe('Shanghai time in the pickers, UTC on the wire', () => {
  test('09:30 on 28 November in Shanghai is 01:30 UTC', () => {
    expect(shanghaiIso('2026-11-28', '09:30')).toBe('2026-11-28T01:30:00.000Z');
  });

  test('just after midnight in Shanghai is the evening before in UTC', () => {
    expect(shanghaiIso('2026-12-01', '00:15')).toBe('2026-11-30T16:15:00.000Z');
  });

  test('an instant reads back as the Shanghai date and time the committee typed', () => {
    expect(shanghaiParts('2026-11-30T16:15:00.000Z')).toEqual({ date: '2026-12-01', time: '00:15' });
    expect(shanghaiParts(shanghaiIso('2027-01-01', '23:59'))).toEqual({ date: '2027-01-01', time: '23:59' });
  });

  test('a day or time that does not exist gives nothing rather than a wrong instant', () => {
    expect(shanghaiIso('2026-02-30', '09:00')).toBe('');
    expect(shanghaiIso('2026-11-28', '24:00')).toBe('');
    expect(shanghaiIso('', '09:00')).toBe('');
    expect(shanghaiParts('not a date')).toEqual({ date: '', time: '' });
  });

  test('a new activity starts next week and its signup opens now and closes the evening before', () => {
    const v = defaultValues(NOW);
    expect(v).toMatchObject({ opensDate: '2026-11-21', opensTime: '16:30', startDate: '2026-11-28', startTime: '09:00', closesDate: '2026-11-27', closesTime: '20:00' });
  });
});

describe('checking the form with the functions’ own schema', () => {
  const filled = () => ({ ...defaultValues(NOW), title: '友邻健康义诊', placeText: '卫生服务站' });

  test('good values become activity fields in UTC, with the shifts', () => {
    const v = filled();
    v.shifts = [{ ...newShift(v), role: '测血压', startTime: '09:00', endTime: '10:30', capacity: '4', hours: '1.5' }];
    const checked = checkValues(v);
    expect(checked).toMatchObject({
      ok: true,
      fields: {
        title: '友邻健康义诊',
        startAt: '2026-11-28T01:00:00.000Z',
        endAt: '2026-11-28T03:00:00.000Z',
        capacity: 30,
        audience: { kind: 'community' },
        shifts: [{ role: '测血压', startAt: '2026-11-28T01:00:00.000Z', endAt: '2026-11-28T02:30:00.000Z', capacity: 4, hours: 1.5 }],
      },
    });
  });

  test('the first problem is told in Chinese by its field', () => {
    expect(checkValues({ ...filled(), title: '义' })).toEqual({ ok: false, problem: '活动名称不能少于 2 个字' });
    expect(checkValues({ ...filled(), capacity: '0' })).toEqual({ ok: false, problem: '名额至少 1 个' });
    expect(checkValues({ ...filled(), capacity: '' })).toEqual({ ok: false, problem: '请填写名额' });
    expect(checkValues({ ...filled(), placeText: ' ' })).toEqual({ ok: false, problem: '地点不能少于 1 个字' });
    expect(checkValues({ ...filled(), endTime: '08:00' })).toEqual({ ok: false, problem: '结束时间要晚于开始时间' });
    expect(checkValues({ ...filled(), audienceKind: 'grids' })).toEqual({ ok: false, problem: '请至少选择一个网格' });
    const v = filled();
    v.shifts = [{ ...newShift(v), role: '引导', capacity: '0' }];
    expect(checkValues(v)).toEqual({ ok: false, problem: '第 1 个岗位的名额不能小于 1' });
  });

  test('an edit sends only what changed, and never the shifts', () => {
    const v = filled();
    const before = checkValues(v);
    if (!before.ok) throw new Error(before.problem);
    const after = checkValues({ ...v, capacity: '12', shifts: [{ ...newShift(v), role: '新岗位' }] });
    if (!after.ok) throw new Error(after.problem);
    expect(changedFields(before.raw, after.raw, after.fields)).toEqual({ capacity: 12 });
    expect(changedFields(before.raw, rawFields(v), before.fields)).toEqual({});
  });

  test('an activity read back into the form gives the same fields', () => {
    const v = { ...filled(), audienceKind: 'grids' as const, gridIds: ['demo-grid-1'], phone: 'required' as const };
    const checked = checkValues(v);
    if (!checked.ok) throw new Error(checked.problem);
    const f = checked.fields;
    const activity = {
      ...f,
      id: 'a1',
      communityId: 'demo-community',
      shifts: [],
      cover: null,
      pointsPerHour: 1,
      checkinRadiusMetres: null,
      status: 'published' as const,
      confirmed: 0,
      seatsLeft: 30,
      community: null,
      organiser: null,
    };
    expect(rawFields(valuesFrom(activity))).toEqual({ ...checked.raw, pointsPerHour: 1 });
  });
});

describe('counting the rows of an exported CSV', () => {
  test('header and byte-order mark are not rows; a note with a line break is one row', () => {
    const csv = '\uFEFF序号,昵称\r\n1,王秀英\r\n2,"李建国\r\n（腿脚不便）"\r\n3,张丽华\r\n';
    expect(csvRowCount(csv)).toBe(3);
    expect(csvRowCount('\uFEFF序号,昵称\r\n')).toBe(0);
  });
});
