import { Emulator } from '../../emulator/app';
import { call, startApp } from '../helpers/app';
import { CAT, COMMUNITY, PEOPLE, demandDoc, photo, seedDemand } from './demand-fixtures';
import { addOtherCommunity, expectNothingWritten, stateOf } from './neighbourhood';

/**
 * Who may do what with a demand, every action for every kind of person (tests/functions/
 * permission-table.ts's pattern, with the people demands know): the resident it is about, a
 * neighbour of the same building, a neighbour who said 我也遇到, a visitor, the grid's worker, the
 * other grid's worker, a mobile grid worker, the building leader, the committee, the committee next
 * door and the street admin. An allowed cell answers ok; any other is PERMISSION_DENIED and writes
 * nothing. Every demand is fresh for its cell.
 */
const WHO = {
  reporter: PEOPLE.resident,
  neighbour: PEOPLE.neighbour,
  meToo: 'demo-resident-6',
  visitor: PEOPLE.visitor,
  gridWorker: PEOPLE.gridWorker,
  otherGridWorker: PEOPLE.gridWorker2,
  mobile: PEOPLE.mobile,
  leader: PEOPLE.leader,
  committee: PEOPLE.committee,
  otherCommittee: 'other-committee',
  admin: PEOPLE.admin,
} as const;
type Who = keyof typeof WHO;
const ALL = Object.keys(WHO) as Who[];
const HANDLERS: Who[] = ['gridWorker', 'committee', 'admin'];
const MANAGERS: Who[] = ['committee', 'admin'];
const COMMUNITY_PEOPLE: Who[] = ['reporter', 'neighbour', 'meToo', 'gridWorker', 'otherGridWorker', 'mobile', 'leader', 'committee', 'admin'];

interface Row {
  action: string;
  what: string;
  allowed: readonly Who[];
  input: (e: Emulator, who: Who) => Promise<unknown>;
}

describe('who may do what with a demand', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startApp();
    await addOtherCommunity(emulator);
  });
  afterAll(() => emulator.close());

  /** A fresh demand of 1号楼's resident that 6 said 我也遇到 to. */
  const fresh = (e: Emulator, o: Parameters<typeof seedDemand>[1] = {}) => seedDemand(e, { meToo: [WHO.meToo], meTooCount: 1, ...o }).then((d) => d._id);
  const text = '楼道里堆满了杂物，消防通道被堵住了';

  const TABLE: Row[] = [
    { action: 'categories', what: "read the community's categories", allowed: ALL, input: async () => ({ communityId: COMMUNITY }) },
    { action: 'similar', what: 'look for similar open demands before reporting', allowed: ALL, input: async () => ({ categoryId: CAT.errand, buildingId: 'demo-building-1' }) },
    {
      action: 'report',
      what: 'report in this community (with a location and their own photo)',
      allowed: ['reporter', 'neighbour', 'meToo', 'gridWorker', 'otherGridWorker', 'mobile', 'leader', 'committee', 'admin'],
      input: async (e, who) => ({ communityId: COMMUNITY, categoryId: CAT.light, text, photos: [await photo(e, WHO[who])], location: { type: 'Point', coordinates: [121.3206, 31.2981] } }),
    },
    {
      action: 'report',
      what: 'report for a resident of 1号楼 (9) who asked them',
      allowed: ['leader', 'committee', 'admin'],
      input: async () => ({ categoryId: CAT.light, text, onBehalfOf: 'demo-resident-9' }),
    },
    { action: 'report', what: "record a resident's phone call", allowed: MANAGERS, input: async () => ({ categoryId: CAT.light, text, onBehalfOf: 'demo-resident-9', channel: 'phone' }) },
    { action: 'meToo', what: 'say 我也遇到 to a neighbour’s open demand', allowed: ['neighbour', 'meToo', 'gridWorker', 'leader', 'committee'], input: async (e) => ({ demandId: await fresh(e) }) },
    { action: 'get', what: 'open a demand with its timeline', allowed: ['reporter', 'meToo', 'gridWorker', 'committee', 'admin'], input: async (e) => ({ demandId: await fresh(e) }) },
    {
      action: 'get',
      what: 'open a dispute that rose to the committee',
      allowed: ['reporter', 'meToo', 'gridWorker', 'committee', 'admin'],
      input: async (e) => ({ demandId: await fresh(e, { kind: 'dispute', categoryId: CAT.noise, categoryName: '噪音', level: 'community' }) }),
    },
    { action: 'mine', what: 'list their own demands', allowed: ALL, input: async () => ({}) },
    { action: 'inbox', what: "open grid 1's inbox", allowed: HANDLERS, input: async () => ({ scope: 'grid', gridId: 'demo-grid-1' }) },
    { action: 'inbox', what: "open the community's inbox", allowed: MANAGERS, input: async () => ({ scope: 'community', communityId: COMMUNITY }) },
    { action: 'inbox', what: "open the street's inbox", allowed: ['admin'], input: async () => ({ scope: 'street' }) },
    { action: 'accept', what: 'accept a new demand at the grid', allowed: HANDLERS, input: async (e) => ({ demandId: await fresh(e) }) },
    { action: 'accept', what: 'accept a new demand that rose to the community', allowed: MANAGERS, input: async (e) => ({ demandId: await fresh(e, { level: 'community' }) }) },
    { action: 'reject', what: 'turn down a new demand with a reason', allowed: HANDLERS, input: async (e) => ({ demandId: await fresh(e), reason: '不属于社区事务' }) },
    { action: 'merge', what: 'merge a duplicate into another open demand', allowed: HANDLERS, input: async (e) => ({ demandId: await fresh(e), into: await fresh(e) }) },
    { action: 'assign', what: 'take an accepted demand', allowed: HANDLERS, input: async (e) => ({ demandId: await fresh(e, { state: 'accepted' }) }) },
    {
      action: 'update',
      what: 'add progress to a demand in hand',
      allowed: HANDLERS,
      input: async (e) => ({ demandId: await fresh(e, { state: 'in_progress', handler: WHO.gridWorker, handlerName: '网格员' }), note: '已联系物业' }),
    },
    {
      action: 'resolve',
      what: 'resolve a demand in hand with an after-photo',
      allowed: HANDLERS,
      input: async (e, who) => ({ demandId: await fresh(e, { state: 'in_progress', handler: WHO.gridWorker }), note: '已处理', photos: [await photo(e, WHO[who])] }),
    },
    {
      action: 'confirm',
      what: 'confirm a resolved demand and rate it',
      allowed: ['reporter'],
      input: async (e) => ({ demandId: await fresh(e, { state: 'resolved' }), solved: true, satisfaction: 'satisfied' }),
    },
    {
      action: 'reopen',
      what: 'reopen a resolved demand',
      allowed: ['reporter'],
      input: async (e) => ({ demandId: await fresh(e, { state: 'resolved', handler: WHO.gridWorker }), reason: '灯还是不亮' }),
    },
    {
      action: 'escalate',
      what: 'pass a demand up to the community with a reason',
      allowed: HANDLERS,
      input: async (e) => ({ demandId: await fresh(e, { state: 'accepted' }), reason: '需要居委会协调' }),
    },
    { action: 'transfer', what: 'pass a demand to grid 2', allowed: HANDLERS, input: async (e) => ({ demandId: await fresh(e), gridId: 'demo-grid-2', reason: '属于第2网格' }) },
    {
      action: 'extend',
      what: 'extend a complex demand once',
      allowed: MANAGERS,
      input: async (e) => ({ demandId: await fresh(e, { state: 'in_progress', deadlineClass: 'complex', handler: WHO.gridWorker }), reason: '需等待区里审批' }),
    },
    {
      action: 'park',
      what: 'park a demand awaiting outside work',
      allowed: MANAGERS,
      input: async (e) => ({ demandId: await fresh(e, { state: 'in_progress', handler: WHO.gridWorker }), reason: '等待区维修资金', reviewOn: '2099-06-01' }),
    },
    {
      action: 'unpark',
      what: 'take a parked demand up again',
      allowed: MANAGERS,
      input: async (e) => ({ demandId: await fresh(e, { state: 'parked', handler: WHO.gridWorker, parked: { reason: '等待区维修资金', reviewOn: '2099-06-01' } }), note: '资金已到位' }),
    },
    { action: 'ledger', what: "read 1号楼's public ledger", allowed: COMMUNITY_PEOPLE, input: async () => ({ buildingId: 'demo-building-1' }) },
    { action: 'ledger', what: "read grid 1's public ledger", allowed: COMMUNITY_PEOPLE, input: async () => ({ gridId: 'demo-grid-1' }) },
    { action: 'dashboard', what: "read the community's figures", allowed: MANAGERS, input: async () => ({ communityId: COMMUNITY, from: '2026-01-01', to: '2026-12-31' }) },
    { action: 'dashboard', what: "read the street's figures", allowed: ['admin'], input: async () => ({ from: '2026-01-01', to: '2026-12-31' }) },
    {
      action: 'saveCategory',
      what: 'add a category',
      allowed: MANAGERS,
      input: async () => ({ communityId: COMMUNITY, name: `类别${Math.random().toString(36).slice(2, 6)}`, kind: 'need', deadlineClass: 'general' }),
    },
  ];

  const cells = TABLE.flatMap((row) => ALL.map((who) => ({ name: `demand.${row.action}: ${who} ${row.allowed.includes(who) ? 'may' : 'may not'} ${row.what}`, row, who })));

  it.each(cells)('$name', async ({ row, who }) => {
    const input = await row.input(emulator, who);
    const before = stateOf(emulator);
    const res = await call(emulator, WHO[who], 'demand', row.action, input);
    if (row.allowed.includes(who)) {
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
