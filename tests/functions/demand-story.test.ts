import { Emulator } from '../../emulator/app';
import { startApp } from '../helpers/app';
import { CAT, COMMUNITY, DAY, HOUR, PEOPLE, messagesTo, okDemand, photo, setClock, subscribe } from './demand-fixtures';

/**
 * The "done when", as one story: a resident reports a leaking pipe with a photo, the grid
 * worker accepts it, the clock passes the resolve deadline and it rises to the committee, the
 * committee resolves it, the resident confirms and rates; the ledger and the rates show it, and
 * every step that tells someone is a message in the outbox (a move's within the timer's next minute).
 */
describe('a leaking pipe, from the report to the rates', () => {
  let emulator: Emulator;
  // Tuesday 1 December 2026, 10:00 in Shanghai: an ordinary working day.
  const start = new Date('2026-12-01T02:00:00Z');
  beforeAll(async () => {
    emulator = await startApp();
    await setClock(emulator, start);
    await subscribe(emulator, PEOPLE.resident, ['demandAccepted', 'demandResolved', 'demandClosed']);
    await subscribe(emulator, PEOPLE.gridWorker, ['demandOverdue']);
    await subscribe(emulator, PEOPLE.committee, ['demandEscalated']);
  });
  afterAll(() => emulator.close());

  it('goes grid → committee on the missed deadline and closes on the resident’s word', async () => {
    const pipe = await photo(emulator, PEOPLE.resident);
    const reported = await okDemand(emulator, PEOPLE.resident, 'report', { categoryId: CAT.leak, text: '楼上卫生间漏水，我家天花板一直在滴水', photos: [pipe] }, 'story-report-0001');
    expect(reported).toMatchObject({ state: 'submitted', level: 'grid', kind: 'dispute', grid: { id: 'demo-grid-1' }, building: { id: 'demo-building-1' }, photos: [pipe] });
    // A leak is a general demand: the grid has one working day to accept it (the functions' clock runs on from 10:00).
    expect(Date.parse(reported.dueAt) - Date.parse(reported.createdAt)).toBe(DAY);

    // The grid worker finds it in the inbox and accepts it an hour later: 5 working days to resolve.
    await setClock(emulator, new Date(start.getTime() + HOUR));
    const inbox = await okDemand(emulator, PEOPLE.gridWorker, 'inbox', { scope: 'grid', gridId: 'demo-grid-1' });
    expect(inbox.items.map((d: any) => d.id)).toContain(reported.id);
    const accepted = await okDemand(emulator, PEOPLE.gridWorker, 'accept', { demandId: reported.id, note: '已联系楼上住户' }, 'story-accept-001');
    expect(accepted).toMatchObject({ state: 'accepted', dueKind: 'resolve' });
    // Five working days from Tuesday 11:00 skip the weekend: the next Tuesday, same time.
    expect(Date.parse(accepted.dueAt) - Date.parse(accepted.acceptedAt)).toBe(7 * DAY);
    // The message waits in the demand's outbox until the timer's next minute sends it.
    expect(messagesTo(emulator, PEOPLE.resident, 'demandAccepted')).toHaveLength(0);
    await emulator.host.fireTimer('demand', 'jobs');
    expect(messagesTo(emulator, PEOPLE.resident, 'demandAccepted')).toHaveLength(1);
    await okDemand(emulator, PEOPLE.gridWorker, 'assign', { demandId: reported.id });

    // At 75% of the five working days the grid worker is warned, once however often the clock runs.
    await setClock(emulator, new Date('2026-12-07T01:00:00Z'));
    await emulator.host.fireTimer('demand', 'jobs');
    await emulator.host.fireTimer('demand', 'jobs');
    expect(messagesTo(emulator, PEOPLE.gridWorker, 'demandOverdue')).toHaveLength(1);

    // The deadline passes: the timer raises it to the committee, the miss counted against the grid.
    await setClock(emulator, new Date(Date.parse(accepted.dueAt) + 60_000));
    const run = await emulator.host.fireTimer('demand', 'jobs');
    expect(run).toMatchObject({ ok: true, result: { ok: true, data: { jobs: expect.arrayContaining([{ name: 'escalateOverdue', ok: true, result: { changed: 1, more: false } }]) } } });
    const risen = await okDemand(emulator, PEOPLE.committee, 'get', { demandId: reported.id });
    expect(risen).toMatchObject({ level: 'community', state: 'in_progress', misses: [{ level: 'grid', deadline: 'resolve' }] });
    expect(messagesTo(emulator, PEOPLE.committee, 'demandEscalated')).toHaveLength(1);

    // The committee takes it, fixes it with the property company and shows the after-photo.
    await okDemand(emulator, PEOPLE.committee, 'assign', { demandId: reported.id });
    const after = await photo(emulator, PEOPLE.committee);
    const resolved = await okDemand(emulator, PEOPLE.committee, 'resolve', { demandId: reported.id, note: '物业已更换楼上水管接头', photos: [after] });
    expect(resolved).toMatchObject({ state: 'resolved', dueKind: 'confirm' });
    await emulator.host.fireTimer('demand', 'sendWaiting');
    expect(messagesTo(emulator, PEOPLE.resident, 'demandResolved')).toHaveLength(1);

    // Only the resident closes it.
    const closed = await okDemand(emulator, PEOPLE.resident, 'confirm', { demandId: reported.id, solved: true, satisfaction: 'satisfied', comment: '谢谢居委会' });
    expect(closed).toMatchObject({ state: 'closed', closedHow: 'confirmed', rating: { solved: true, satisfaction: 'satisfied' } });
    expect(closed.timeline.map((e: any) => e.action)).toEqual(['report', 'accept', 'assign', 'warn', 'escalate', 'assign', 'resolve', 'confirm']);

    // The building's ledger shows it: closed, not on time, no text, no names.
    const ledger = await okDemand(emulator, PEOPLE.neighbour, 'ledger', { buildingId: 'demo-building-1' });
    const line = ledger.items.find((l: any) => l.id === reported.id);
    expect(line).toMatchObject({ category: '漏水', state: 'closed', onTime: false });
    expect(JSON.stringify(line)).not.toMatch(/漏水，|天花板|王|李/);

    // The committee's figures for December: answered on time, resolved late, solved and satisfied.
    const figures = await okDemand(emulator, PEOPLE.committee, 'dashboard', { communityId: COMMUNITY, from: '2026-12-01', to: '2026-12-31' });
    expect(figures.totals).toMatchObject({
      reported: 1,
      closed: 1,
      response: { numerator: 1, denominator: 1, rate: 1 },
      onTime: { numerator: 0, denominator: 1, rate: 0 },
      solved: { numerator: 1, denominator: 1 },
      satisfied: { numerator: 1, denominator: 1 },
      misses: { grid: 1, community: 0, street: 0 },
    });
    expect(figures.totals.medianDaysToClose).toBeGreaterThan(7);

    // Every step that tells someone went out as a message.
    const outbox = emulator.openApi.outbox().map((m) => m.touser);
    expect(outbox).toEqual(expect.arrayContaining([PEOPLE.resident, PEOPLE.gridWorker, PEOPLE.committee]));
    expect(messagesTo(emulator, PEOPLE.resident, 'demandAccepted')[0].page).toBe(`packageDemand/pages/demand/demand?id=${reported.id}`);
  });
});
