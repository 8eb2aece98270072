import { Emulator } from '../../emulator/app';
import { call, startApp } from '../helpers/app';
import { CAT, demandDoc, seedDemand } from './demand-fixtures';
import { ALL, TABLE, WHO, Who, fresh } from './demand-permission-rows';
import { addOtherCommunity, expectNothingWritten, stateOf } from './neighbourhood';

/**
 * Who may do what with a demand (the rows: demand-permission-rows.ts): every action tried by every
 * kind of person. An allowed cell answers ok; any other is PERMISSION_DENIED and writes nothing.
 */

describe('who may do what with a demand', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startApp();
    await addOtherCommunity(emulator);
  });
  afterAll(() => emulator.close());

  const allows = (allowed: readonly Who[] | 'everyone', who: Who) => allowed === 'everyone' || allowed.includes(who);
  let n = 0;
  const cells = TABLE.flatMap((row) => ALL.map((who) => ({ name: `demand.${row.action}: ${who} ${allows(row.allowed, who) ? 'may' : 'may not'} ${row.what}`, row, who })));

  it.each(cells)('$name', async ({ row, who }) => {
    const input = await row.input(emulator, ++n, who);
    const before = stateOf(emulator);
    const res = await call(emulator, WHO[who], 'demand', row.action, input);
    if (allows(row.allowed, who)) {
      expect(res.error).toBeUndefined();
      expect(res.ok).toBe(true);
      return;
    }
    expect(res).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    expect(res.error.message).toMatch(/[\u4e00-\u9fa5]/);
    expectNothingWritten(emulator, before);
  });

  /** What each person sees of a dispute (noise between neighbours) that rose to the committee. */
  const SEES: [Who, { text: boolean; people: boolean }][] = [
    ['reporter', { text: true, people: true }],
    ['committee', { text: true, people: true }],
    ['admin', { text: true, people: true }],
    ['gridWorker', { text: false, people: false }],
    ['meToo', { text: false, people: false }],
  ];
  it.each(SEES)("a dispute's text, photos and people: %s sees %o", async (who, sees) => {
    const pic = 'cloud://youlin-local.bucket/demand/demo-resident-1/20261201/noise.jpg';
    const id = await fresh(emulator, {
      kind: 'dispute',
      categoryId: CAT.noise,
      categoryName: '噪音',
      level: 'community',
      text: '楼上每天夜里一点还在装修',
      photos: [pic],
      handler: WHO.committee,
      handlerName: '居委会',
    });
    const res = await call(emulator, WHO[who], 'demand', 'get', { demandId: id });
    expect(res.ok).toBe(true);
    const d = res.data;
    expect(d.text !== null).toBe(sees.text);
    expect(d.photos.length > 0).toBe(sees.text);
    expect(d.reporter !== null).toBe(sees.people);
    expect(d.handler !== null).toBe(sees.people);
    expect(d.timeline.every((e: any) => e.actor.displayName === null || sees.people)).toBe(true);
  });

  it('the handlers see the reporter’s phone masked; only the committee sees it whole', async () => {
    const id = await fresh(emulator);
    const worker = (await call(emulator, WHO.gridWorker, 'demand', 'get', { demandId: id })).data;
    const committee = (await call(emulator, WHO.committee, 'demand', 'get', { demandId: id })).data;
    expect(worker.reporter.phone).toMatch(/^1[3-9]\d\*{4}\d{4}$/);
    expect(committee.reporter.phone).toMatch(/^1[3-9]\d{9}$/);
  });

  it('the public ledger has no text and no names', async () => {
    const doc = demandDoc({ text: '独居老人想请人帮忙买药', reporterName: '李桂兰' });
    await seedDemand(emulator, doc);
    const res = await call(emulator, WHO.neighbour, 'demand', 'ledger', { buildingId: 'demo-building-1' });
    const json = JSON.stringify(res.data);
    expect(json).toContain(doc.categoryName);
    expect(json).not.toMatch(/独居老人|李桂兰|王秀英|demo-resident/);
  });
});
