import { Emulator } from '../../emulator/app';
import { call, startApp } from '../helpers/app';
import { CAT, COMMUNITY, PEOPLE, photo, seedDemand } from './demand-fixtures';
import { addOtherCommunity, everything } from './neighbourhood';

/**
 * Bad input is refused before anything is written, with a stable code and a message a resident
 * understands: operator objects, fields nobody may set, oversize text, a place or a category of
 * another community, photos that are not the caller's own uploads, a risky text.
 */
describe('demand refuses bad input and writes nothing', () => {
  let emulator: Emulator;
  let open: string;
  let inHand: string;
  let mine: string;
  let othersPhoto: string;
  let ownPhoto: string;
  beforeAll(async () => {
    emulator = await startApp();
    await addOtherCommunity(emulator);
    open = (await seedDemand(emulator))._id;
    inHand = (await seedDemand(emulator, { state: 'in_progress', handler: PEOPLE.gridWorker }))._id;
    mine = (await seedDemand(emulator, { state: 'resolved' }))._id;
    othersPhoto = await photo(emulator, PEOPLE.otherBuilding);
    ownPhoto = await photo(emulator, PEOPLE.resident);
  });
  afterAll(() => emulator.close());

  const base = { categoryId: CAT.light, text: '3楼楼道灯坏了' };
  const cases: [story: string, who: string, action: string, data: () => unknown, code: string, says: RegExp][] = [
    ['a demand id that is {"$ne": null}', PEOPLE.gridWorker, 'accept', () => ({ demandId: { $ne: null } }), 'INVALID_ARGUMENT', /诉求/],
    ['a category that is {"$gt": ""}', PEOPLE.resident, 'report', () => ({ ...base, categoryId: { $gt: '' } }), 'INVALID_ARGUMENT', /类别/],
    ['a report that sets its own state', PEOPLE.resident, 'report', () => ({ ...base, state: 'closed' }), 'INVALID_ARGUMENT', /不认识的字段：state/],
    ['a report that names its own level and reporter', PEOPLE.resident, 'report', () => ({ ...base, level: 'street', reporter: 'demo-resident-9' }), 'INVALID_ARGUMENT', /不认识的字段/],
    ['a text of 1,001 characters', PEOPLE.resident, 'report', () => ({ ...base, text: '漏'.repeat(1001) }), 'INVALID_ARGUMENT', /1000/],
    ['a text that is a number', PEOPLE.resident, 'report', () => ({ ...base, text: 42 }), 'INVALID_ARGUMENT', /内容/],
    ['an empty text', PEOPLE.resident, 'report', () => ({ ...base, text: '   ' }), 'INVALID_ARGUMENT', /内容/],
    ['ten photos', PEOPLE.resident, 'report', () => ({ ...base, photos: Array(10).fill(ownPhoto) }), 'INVALID_ARGUMENT', /9 张/],
    ['a photo another resident uploaded', PEOPLE.resident, 'report', () => ({ ...base, photos: [othersPhoto] }), 'INVALID_ARGUMENT', /自己/],
    ['a photo from the circle’s folder', PEOPLE.resident, 'report', () => ({ ...base, photos: ['cloud://youlin-local.bucket/circle/20261201/a.jpg'] }), 'INVALID_ARGUMENT', /自己/],
    [
      'a photo path that climbs out of the folder',
      PEOPLE.resident,
      'report',
      () => ({ ...base, photos: [`cloud://youlin-local.bucket/demand/${PEOPLE.resident}/../demo-resident-2/a.jpg`] }),
      'INVALID_ARGUMENT',
      /自己/,
    ],
    ['a building of another community', PEOPLE.resident, 'report', () => ({ ...base, buildingId: 'other-building-1' }), 'INVALID_ARGUMENT', /不在该居民区/],
    ['a category that does not exist', PEOPLE.resident, 'report', () => ({ ...base, categoryId: 'no-such-category' }), 'INVALID_ARGUMENT', /类别/],
    ['a 随手拍 without a photo', PEOPLE.mobile, 'report', () => ({ ...base, communityId: COMMUNITY, location: { type: 'Point', coordinates: [121.3206, 31.2981] } }), 'INVALID_ARGUMENT', /照片/],
    [
      'a 随手拍 ten kilometres away',
      PEOPLE.mobile,
      'report',
      async () => ({ ...base, communityId: COMMUNITY, photos: [await photo(emulator, PEOPLE.mobile)], location: { type: 'Point', coordinates: [121.42, 31.2981] } }),
      'INVALID_ARGUMENT',
      /位置/,
    ],
    ['a location with an operator', PEOPLE.mobile, 'report', () => ({ ...base, communityId: COMMUNITY, location: { $near: [121, 31] } }), 'INVALID_ARGUMENT', /位置|坐标/],
    ['a risky text', PEOPLE.resident, 'report', () => ({ ...base, text: '楼下有人聚众赌博' }), 'INVALID_ARGUMENT', /违法犯罪|违规|赌博|内容含有/],
    ['a resolve without an after-photo', PEOPLE.gridWorker, 'resolve', () => ({ demandId: inHand, note: '已处理', photos: [] }), 'INVALID_ARGUMENT', /照片/],
    ['a resolve with someone else’s photo', PEOPLE.gridWorker, 'resolve', () => ({ demandId: inHand, note: '已处理', photos: [othersPhoto] }), 'INVALID_ARGUMENT', /自己/],
    ['a satisfaction nobody offered', PEOPLE.resident, 'confirm', () => ({ demandId: mine, solved: true, satisfaction: 'great' }), 'INVALID_ARGUMENT', /满意度/],
    ['a review day that is not a day', PEOPLE.committee, 'park', () => ({ demandId: inHand, reason: '等待区维修资金', reviewOn: 'next week' }), 'INVALID_ARGUMENT', /日期/],
    ['a review day in the past', PEOPLE.committee, 'park', () => ({ demandId: inHand, reason: '等待区维修资金', reviewOn: '2020-01-01' }), 'INVALID_ARGUMENT', /复核日期/],
    ['a merge into itself', PEOPLE.gridWorker, 'merge', () => ({ demandId: open, into: open }), 'INVALID_ARGUMENT', /合并/],
    ['a transfer to a grid of another community', PEOPLE.gridWorker, 'transfer', () => ({ demandId: open, gridId: 'other-grid-1', reason: '不归我们管' }), 'INVALID_ARGUMENT', /网格/],
    ['a dashboard over two years', PEOPLE.committee, 'dashboard', () => ({ communityId: COMMUNITY, from: '2025-01-01', to: '2026-12-31' }), 'INVALID_ARGUMENT', /一年/],
    ['a dashboard that ends before it starts', PEOPLE.committee, 'dashboard', () => ({ communityId: COMMUNITY, from: '2026-12-31', to: '2026-01-01' }), 'INVALID_ARGUMENT', /日期/],
    ['a ledger of a building and a grid at once', PEOPLE.resident, 'ledger', () => ({ buildingId: 'demo-building-1', gridId: 'demo-grid-1' }), 'INVALID_ARGUMENT', /楼组|网格/],
    ['a page of 21', PEOPLE.resident, 'mine', () => ({ limit: 21 }), 'INVALID_ARGUMENT', /每页条数/],
  ];

  it.each(cases)('refuses %s', async (_story, who, action, data, code, says) => {
    const input = await data();
    const before = everything(emulator);
    const res = await call(emulator, who, 'demand', action, input);
    expect(res).toMatchObject({ ok: false, error: { code } });
    expect(res.error.message).toMatch(says);
    expect(res.error.message).not.toMatch(/Invalid|expected|received|undefined|\$ne|\$gt|zod/i);
    expect(everything(emulator)).toEqual(before);
  });

  it('a resident reopens once per level: the second time is FAILED_PRECONDITION, nothing written', async () => {
    const id = (await seedDemand(emulator, { state: 'resolved', handler: PEOPLE.gridWorker, reopenedAt: ['grid'] }))._id;
    const before = everything(emulator);
    const res = await call(emulator, PEOPLE.resident, 'demand', 'reopen', { demandId: id, reason: '还是漏水' });
    expect(res).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } });
    expect(everything(emulator)).toEqual(before);
  });

  it('two handlers accepting at once: one wins, the other is told it changed', async () => {
    const id = (await seedDemand(emulator))._id;
    const [a, b] = await Promise.all([call(emulator, PEOPLE.gridWorker, 'demand', 'accept', { demandId: id }), call(emulator, PEOPLE.committee, 'demand', 'accept', { demandId: id })]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    expect([a, b].find((r) => !r.ok).error.code).toMatch(/CONFLICT|FAILED_PRECONDITION/);
    expect((emulator.db.find('demands', { _id: id })[0].timeline as { action: string }[]).filter((e) => e.action === 'accept')).toHaveLength(1);
  });

  it('a retried report with the same key makes one demand', async () => {
    const count = () => emulator.db.count('demands', { reporter: PEOPLE.grid2Resident });
    const first = await call(emulator, PEOPLE.grid2Resident, 'demand', 'report', base, 'retry-report-0001');
    const again = await call(emulator, PEOPLE.grid2Resident, 'demand', 'report', base, 'retry-report-0001');
    expect(again.data.id).toBe(first.data.id);
    expect(count()).toBe(1);
  });
});
