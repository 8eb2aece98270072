/**
 * @jest-environment ./tests/miniprogram/jsdom-with-fetch.ts
 *
 * 发布活动 (packageCommittee/pages/activity-form, new) in miniprogram-simulate, in local mode against
 * the emulator running the real functions on the seeded demo neighbourhood: the committee fills the
 * form by typing and picking, the functions publish, and residents see (or do not see) the activity;
 * a cover from the album; a mistake told in plain words with nothing typed lost; a lost answer sent
 * again with the same key. Only device APIs are stubbed (the map picker, the album, the privacy setting).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WxRequestOptions, wxRequestOverHttp } from './emulator-phone';
import { element, screen, settled, tapOn, typeInto } from './screen';
import { activityFormSetup, instant, listening, nth, pick, shanghaiDay } from './committee-activity-form';

const { phone, openForm, activitiesTitled } = activityFormSetup();

test('the committee publishes a two-shift 友邻健康 activity for grid 1 through the form; a grid-1 resident sees it in 活动, a grid-2 resident does not', async () => {
  const day = shanghaiDay(10);
  const eve = shanghaiDay(9);
  const chooseLocation = ({ success }: any) => success({ name: '友邻社区卫生服务中心', address: '友邻路 88 号', latitude: 31.2979, longitude: 121.3231 });
  const page = openForm({}, { chooseLocation });
  expect(screen(page)).toContain('加载中');
  await settled();
  expect(screen(page)).toContain('发布活动');

  typeInto(page, '.form__title', '友邻健康义诊');
  pick(page, '.form__series', 2);
  typeInto(page, '.form__description', '卫生服务中心医生现场测血压、解读体检报告。');
  tapOn(element(page, '.form__location-picker'), '.form__choose-location');
  await settled();
  expect(screen(page)).toContain('友邻社区卫生服务中心');
  typeInto(page, '.form__radius', '300');

  pick(page, '.form__start-date', day);
  pick(page, '.form__start-time', '09:00');
  pick(page, '.form__end-date', day);
  pick(page, '.form__end-time', '12:00');
  pick(page, '.form__closes-date', eve);
  pick(page, '.form__closes-time', '18:00');
  typeInto(page, '.form__capacity', '10');
  pick(page, '.form__approval', 'committee');

  pick(element(page, '.form__audience-chooser'), '.form__audience', 'grids');
  await settled();
  expect(screen(page)).toContain('第1微网格');
  expect(screen(page)).toContain('第2微网格');
  pick(element(page, '.form__audience-chooser'), '.form__grids', ['demo-grid-1']);
  await settled();

  pick(element(page, '.form__signup-form'), '.form__phone', 2);
  pick(element(page, '.form__signup-form'), '.form__companions', 1);
  pick(element(page, '.form__signup-form'), '.form__note', 1);
  await settled();
  typeInto(element(page, '.form__signup-form'), '.form__note-label', '既往病史');

  tapOn(element(page, '.form__shifts'), '.form__add-shift');
  tapOn(element(page, '.form__shifts'), '.form__add-shift');
  await settled();
  nth(element(page, '.form__shifts'), '.form__shift-role', 0).dispatchEvent('input', { detail: { value: '测血压' } });
  nth(element(page, '.form__shifts'), '.form__shift-start', 0).dispatchEvent('change', { detail: { value: '09:00' } });
  nth(element(page, '.form__shifts'), '.form__shift-end', 0).dispatchEvent('change', { detail: { value: '10:30' } });
  nth(element(page, '.form__shifts'), '.form__shift-capacity', 0).dispatchEvent('input', { detail: { value: '4' } });
  nth(element(page, '.form__shifts'), '.form__shift-hours', 0).dispatchEvent('input', { detail: { value: '1.5' } });
  nth(element(page, '.form__shifts'), '.form__shift-role', 1).dispatchEvent('input', { detail: { value: '引导登记' } });
  nth(element(page, '.form__shifts'), '.form__shift-start', 1).dispatchEvent('change', { detail: { value: '10:30' } });
  nth(element(page, '.form__shifts'), '.form__shift-end', 1).dispatchEvent('change', { detail: { value: '12:00' } });
  nth(element(page, '.form__shifts'), '.form__shift-capacity', 1).dispatchEvent('input', { detail: { value: '3' } });
  nth(element(page, '.form__shifts'), '.form__shift-hours', 1).dispatchEvent('input', { detail: { value: '1.5' } });

  tapOn(page, '.form__save');
  await settled();
  expect(screen(page)).toContain('活动已发布');
  expect(screen(page)).toContain('保存修改');

  const [saved] = activitiesTitled('友邻健康义诊');
  expect(saved).toMatchObject({
    series: 'wellness',
    place: { text: '友邻社区卫生服务中心', location: { type: 'Point', coordinates: [121.3231, 31.2979] } },
    checkinRadiusMetres: 300,
    startAt: instant(day, '09:00'),
    endAt: instant(day, '12:00'),
    signupClosesAt: instant(eve, '18:00'),
    capacity: 10,
    approval: 'committee',
    audience: { kind: 'grids', ids: ['demo-grid-1'] },
    form: { phone: 'required', companionsMax: 1, note: 'optional', noteLabel: '既往病史' },
  });
  expect(saved.shifts).toEqual([
    expect.objectContaining({ role: '测血压', startAt: instant(day, '09:00'), endAt: instant(day, '10:30'), capacity: 4, hours: 1.5 }),
    expect.objectContaining({ role: '引导登记', startAt: instant(day, '10:30'), endAt: instant(day, '12:00'), capacity: 3, hours: 1.5 }),
  ]);

  // demo-resident-1 lives in 1号楼 (grid 1); demo-resident-3 in 3号楼 (grid 2).
  const near = phone.open('pages/activity/activity', 'demo-resident-1');
  await settled();
  expect(screen(near)).toContain('友邻健康义诊');
  const far = phone.open('pages/activity/activity', 'demo-resident-3');
  await settled();
  expect(screen(far)).not.toContain('友邻健康义诊');
});

test('a cover from the album is stored in cloud storage and published with the activity; editing shows it', async () => {
  const photo = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'youlin-cover-')), 'tmp_cover.png');
  fs.writeFileSync(photo, Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
  const chooseMedia = jest.fn((o: any) => o.success({ type: 'image', tempFiles: [{ tempFilePath: photo, size: 16, fileType: 'image' }] }));
  const page = openForm({}, { chooseMedia });
  await settled();
  typeInto(page, '.form__title', '友邻健康海报展');
  typeInto(page, '.form__place', '居民区宣传栏');
  tapOn(element(page, '.form__cover-picker'), '.form__choose-cover');
  await settled();
  expect(chooseMedia).toHaveBeenCalledTimes(1);
  expect(chooseMedia.mock.calls[0][0]).toMatchObject({ count: 1, mediaType: ['image'] });
  expect(element(element(page, '.form__cover-picker'), '.form__cover-image').dom).toBeDefined();
  expect(screen(page)).toContain('更换封面');

  tapOn(page, '.form__save');
  await settled();
  expect(screen(page)).toContain('活动已发布');
  const [saved] = activitiesTitled('友邻健康海报展');
  expect(saved.cover).toMatch(/^cloud:\/\/.+\/covers\/.+\.png$/);
  expect(await phone.emulator.storage.read(saved.cover)).toEqual(fs.readFileSync(photo));

  const again = openForm({ id: saved._id });
  await settled();
  expect(again.data.coverPreview).toBe(`${phone.emulator.url}/emulator/file?id=${encodeURIComponent(saved.cover)}`);
});

test('an end before the start is told in plain words, nothing is sent, and everything typed stays', async () => {
  const day = shanghaiDay(12);
  const { sent, request } = listening();
  const page = openForm({}, { request });
  await settled();
  typeInto(page, '.form__title', '友邻健康讲座');
  typeInto(page, '.form__place', '居民区活动室');
  pick(page, '.form__start-date', day);
  pick(page, '.form__start-time', '14:00');
  pick(page, '.form__end-date', day);
  pick(page, '.form__end-time', '13:00');

  tapOn(page, '.form__save');
  await settled();
  expect(element(page, '.form__problem').dom?.textContent).toBe('结束时间要晚于开始时间');
  expect(sent.filter((s) => s.action === 'create')).toEqual([]);
  expect(page.data.values).toMatchObject({ title: '友邻健康讲座', placeText: '居民区活动室', startDate: day, startTime: '14:00', endTime: '13:00' });

  // Fixing the one thing publishes it.
  pick(page, '.form__end-time', '16:00');
  await settled();
  expect(page.querySelector('.form__problem')).toBeUndefined();
  tapOn(page, '.form__save');
  await settled();
  expect(screen(page)).toContain('活动已发布');
  expect(activitiesTitled('友邻健康讲座')).toHaveLength(1);
});

test('a publish whose answer is lost is sent again with the same key: one activity, not two', async () => {
  const keys: string[] = [];
  let lost = false;
  const request = (o: WxRequestOptions) => {
    const event = o.data as any;
    if (o.url.endsWith('/functions/activity') && event.action === 'create') {
      keys.push(event.idempotencyKey);
      if (!lost) {
        lost = true;
        // The functions publish, but the answer never reaches the phone.
        wxRequestOverHttp({ ...o, success: () => o.fail?.({ errMsg: 'request:fail timeout' }) });
        return;
      }
    }
    wxRequestOverHttp(o);
  };
  const page = openForm({}, { request });
  await settled();
  typeInto(page, '.form__title', '友邻健康操');
  typeInto(page, '.form__place', '中心花园');

  tapOn(page, '.form__save');
  await settled();
  expect(element(page, '.form__problem').dom?.textContent).toBe('网络不给力，请稍后重试');
  expect(page.data.values.title).toBe('友邻健康操');

  tapOn(page, '.form__save');
  await settled();
  expect(screen(page)).toContain('活动已发布');
  expect(keys).toHaveLength(2);
  expect(keys[1]).toBe(keys[0]);
  expect(activitiesTitled('友邻健康操')).toHaveLength(1);
});
