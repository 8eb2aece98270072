import { Emulator } from '../../emulator/app';
import { call, startApp } from '../helpers/app';
import { addPeople, okCall, resident } from './neighbourhood';
import { CENTRE, COMMITTEE, HOSPITAL, HOUR, addItem, addPoint, addSlot, bookingDocs, slotDoc } from './service-fixtures';

/**
 * The service menu from a resident's side: the catalogue, points by walking distance, slots from
 * weekly templates, booking (never overbooked, one live booking per person per slot), who may book,
 * cancelling until the cut-off, and my bookings with their code.
 */
describe('the service menu and booking', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startApp();
  });
  afterAll(() => emulator.close());

  it('the committee publishes a point and an item; the catalogue lists it with its series, provider and point', async () => {
    const item = await addItem(emulator, { name: '免费理发', series: 'civility' });
    const page = await okCall(emulator, 'demo-resident-1', 'service', 'catalogue', { series: 'civility' });
    expect(page.items).toEqual([
      expect.objectContaining({
        id: item.id,
        name: '免费理发',
        seriesName: '文明友邻',
        provider: { id: HOSPITAL, name: '友邻社区卫生服务中心', rating: { average: null, count: 0 } },
        servicePoint: expect.objectContaining({ name: '友邻党群服务站' }),
      }),
    ]);
  });

  it('slots come from weekly templates for the next weeks; generating again creates nothing new', async () => {
    const item = await addItem(emulator, { name: '证件照拍摄' });
    const templates = [
      { weekday: 2, startTime: '09:30', capacity: 5 },
      { weekday: 6, startTime: '14:00', capacity: 3 },
    ];
    const first = await okCall(emulator, COMMITTEE, 'service', 'setSchedule', { itemId: item.id, templates, weeks: 3 });
    expect(first.generated).toBeGreaterThanOrEqual(4);
    expect(first.generated).toBeLessThanOrEqual(6);
    const again = await okCall(emulator, COMMITTEE, 'service', 'setSchedule', { itemId: item.id, templates, weeks: 3 });
    expect(again).toMatchObject({ generated: 0, existing: first.generated });
    const slots = await okCall(emulator, 'demo-resident-2', 'service', 'slots', { itemId: item.id });
    expect(slots.items).toHaveLength(first.generated);
    for (const slot of slots.items) {
      const shanghai = new Date(Date.parse(slot.startAt) + 8 * HOUR);
      expect([2, 6]).toContain(shanghai.getUTCDay());
      expect(shanghai.toISOString().slice(11, 16)).toBe(shanghai.getUTCDay() === 2 ? '09:30' : '14:00');
      expect(Date.parse(slot.startAt)).toBeGreaterThan(Date.now());
    }
    const starts = slots.items.map((s: any) => s.startAt);
    expect(starts).toEqual([...starts].sort());
  });

  it('nearby lists points by walking distance with the geo query: 1 km by default, nearest first, in metres', async () => {
    const far = { type: 'Point' as const, coordinates: [121.6, 31.1] as [number, number] };
    const near400 = await addPoint(emulator, { name: '四百米服务点', location: { type: 'Point', coordinates: [121.6, 31.1 + 0.0036] } });
    const far3k = await addPoint(emulator, { name: '三公里服务点', location: { type: 'Point', coordinates: [121.6, 31.1 + 0.027] } });
    const inKm = await okCall(emulator, 'demo-resident-1', 'service', 'nearby', { location: far });
    expect(inKm.items.map((i: any) => i.point.id)).toEqual([near400.id]);
    expect(inKm.items[0].distanceMetres).toBeGreaterThan(380);
    expect(inKm.items[0].distanceMetres).toBeLessThan(420);
    const in5km = await okCall(emulator, 'demo-resident-1', 'service', 'nearby', { location: far, radiusMetres: 5000 });
    expect(in5km.items.map((i: any) => i.point.id)).toEqual([near400.id, far3k.id]);
    expect(in5km.items[1].distanceMetres).toBeGreaterThan(2900);
    expect(in5km.items[1].distanceMetres).toBeLessThan(3100);
    const home = await okCall(emulator, 'demo-resident-1', 'service', 'nearby', { location: CENTRE });
    expect(home.items.every((i: any) => i.distanceMetres < 1000)).toBe(true);
  });

  // 80 at once (4 for each place) is enough to race for every place and fits a busy machine's test time.
  it('80 concurrent bookings for 20 places: exactly 20 booked, nobody twice, the counters never above capacity', async () => {
    const item = await addItem(emulator, { name: '健康讲座' });
    const slotId = await addSlot(emulator, item, { capacity: 20 });
    const people = Array.from({ length: 40 }, (_, i) => `rush-${i}`);
    await addPeople(
      emulator,
      people.map((p) => resident(p, 'demo-building-1', 'demo-grid-1')),
    );
    let maxBooked = 0;
    let minLeft = 20;
    const watch = setInterval(() => {
      const slot = slotDoc(emulator, slotId);
      maxBooked = Math.max(maxBooked, slot.booked);
      minLeft = Math.min(minLeft, slot.seatsLeft);
    }, 2);
    // Every person taps twice at once, half of them with an idempotency key.
    const answers = await Promise.all(
      people.flatMap((p, i) => [0, 1].map((tap) => call(emulator, p, 'service', 'book', { slotId }, i % 2 ? `rush-key-${i}-${tap}` : undefined).then((res) => ({ p, res })))),
    );
    clearInterval(watch);
    const booked = answers.filter((a) => a.res.ok);
    const refused = answers.filter((a) => !a.res.ok);
    expect(refused.every((a) => a.res.error.code === 'RESOURCE_EXHAUSTED' && a.res.error.message === '这个时段已经约满了，请选择其他时段')).toBe(true);
    const winners = new Set(booked.map((a) => a.p));
    expect(winners.size).toBe(20);
    // A person whose two taps both answered got the same booking twice.
    for (const p of winners) expect(new Set(booked.filter((a) => a.p === p).map((a) => a.res.data.id)).size).toBe(1);
    const docs = bookingDocs(emulator, { slotId });
    expect(docs).toHaveLength(20);
    expect(new Set(docs.map((d) => d.openid)).size).toBe(20);
    expect(slotDoc(emulator, slotId)).toMatchObject({ booked: 20, seatsLeft: 0 });
    expect(maxBooked).toBeLessThanOrEqual(20);
    expect(minLeft).toBeGreaterThanOrEqual(0);
    expect((await call(emulator, 'demo-resident-5', 'service', 'book', { slotId })).error.code).toBe('RESOURCE_EXHAUSTED');
  }, 60_000);

  it('a keyed retry answers the first booking; a second booking of the same slot answers the live one', async () => {
    const item = await addItem(emulator, { name: '家电维修' });
    const slotId = await addSlot(emulator, item, { capacity: 5 });
    const first = await okCall(emulator, 'demo-resident-2', 'service', 'book', { slotId }, 'retry-key-0001');
    const retry = await okCall(emulator, 'demo-resident-2', 'service', 'book', { slotId }, 'retry-key-0001');
    const plain = await okCall(emulator, 'demo-resident-2', 'service', 'book', { slotId });
    expect(retry).toEqual(first);
    expect(plain.id).toBe(first.id);
    expect(slotDoc(emulator, slotId)).toMatchObject({ booked: 1, seatsLeft: 4 });
  });

  it('60+ services: residents aged 60 or more by their birth year may book; younger ones and people of other communities may not', async () => {
    const item = await addItem(emulator, { name: '老年政策咨询', eligibility: { kind: 'elderly' } });
    const slotId = await addSlot(emulator, item);
    // demo-resident-1 was born in 1940, demo-resident-10 in 1967.
    expect(await okCall(emulator, 'demo-resident-1', 'service', 'book', { slotId })).toMatchObject({ status: 'booked' });
    const young = await call(emulator, 'demo-resident-10', 'service', 'book', { slotId });
    expect(young.error).toEqual({ code: 'PERMISSION_DENIED', message: expect.stringContaining('60 岁以上') });
    await addPeople(emulator, [resident('elder-elsewhere', 'x-building', 'x-grid', 'x-community', { birthYear: 1945 })]);
    expect((await call(emulator, 'elder-elsewhere', 'service', 'book', { slotId })).error.code).toBe('PERMISSION_DENIED');
    expect(slotDoc(emulator, slotId)).toMatchObject({ booked: 1 });
  });

  it('grid services: only residents of the named grids may book', async () => {
    const item = await addItem(emulator, { name: '楼道微更新议事', eligibility: { kind: 'grids', ids: ['demo-grid-2'] } });
    const slotId = await addSlot(emulator, item);
    // demo-resident-3 lives in building 3 (grid 2); demo-resident-1 in building 1 (grid 1).
    expect(await okCall(emulator, 'demo-resident-3', 'service', 'book', { slotId })).toMatchObject({ status: 'booked' });
    expect((await call(emulator, 'demo-resident-1', 'service', 'book', { slotId })).error).toEqual({ code: 'PERMISSION_DENIED', message: '这项服务只面向部分网格的居民' });
    expect((await call(emulator, 'demo-visitor-1', 'service', 'book', { slotId })).error.code).toBe('PERMISSION_DENIED');
  });

  it('a resident cancels until the cut-off and the place goes back; after it the cancellation is refused', async () => {
    const item = await addItem(emulator, { name: '推拿理疗', cancelCutoffHours: 2 });
    const later = await addSlot(emulator, item, { fromNow: 3 * HOUR, capacity: 1 });
    const soon = await addSlot(emulator, item, { fromNow: 1 * HOUR, capacity: 1 });
    const a = await okCall(emulator, 'demo-resident-4', 'service', 'book', { slotId: later });
    const b = await okCall(emulator, 'demo-resident-4', 'service', 'book', { slotId: soon });
    expect((await call(emulator, 'demo-resident-5', 'service', 'book', { slotId: later })).error.code).toBe('RESOURCE_EXHAUSTED');
    expect(await okCall(emulator, 'demo-resident-4', 'service', 'cancel', { bookingId: a.id })).toMatchObject({ status: 'cancelled', cancelledBy: 'resident', code: null });
    expect(await okCall(emulator, 'demo-resident-4', 'service', 'cancel', { bookingId: a.id })).toMatchObject({ status: 'cancelled' });
    expect(slotDoc(emulator, later)).toMatchObject({ booked: 0, seatsLeft: 1 });
    expect(await okCall(emulator, 'demo-resident-5', 'service', 'book', { slotId: later })).toMatchObject({ status: 'booked' });
    expect((await call(emulator, 'demo-resident-4', 'service', 'cancel', { bookingId: b.id })).error).toEqual({ code: 'FAILED_PRECONDITION', message: '服务开始前 2 小时内不能取消预约' });
    expect((await call(emulator, 'demo-resident-6', 'service', 'cancel', { bookingId: b.id })).error.code).toBe('NOT_FOUND');
    expect(slotDoc(emulator, soon)).toMatchObject({ booked: 1 });
  });

  it('mine lists my bookings newest first, each live one with its signed code for the QR', async () => {
    const item = await addItem(emulator, { name: '读书会' });
    const s1 = await addSlot(emulator, item);
    const s2 = await addSlot(emulator, item, { fromNow: 72 * HOUR });
    const b1 = await okCall(emulator, 'demo-resident-7', 'service', 'book', { slotId: s1 });
    const b2 = await okCall(emulator, 'demo-resident-7', 'service', 'book', { slotId: s2 });
    const page = await okCall(emulator, 'demo-resident-7', 'service', 'mine', { limit: 1 });
    expect(page.items.map((b: any) => b.id)).toEqual([b2.id]);
    expect(page.items[0].code).toMatch(/^[A-Za-z0-9_-]{30}$/);
    const rest = await okCall(emulator, 'demo-resident-7', 'service', 'mine', { limit: 1, cursor: page.nextCursor });
    expect(rest.items.map((b: any) => b.id)).toEqual([b1.id]);
    expect(await okCall(emulator, 'demo-resident-8', 'service', 'mine', {})).toEqual({ items: [], nextCursor: null });
  });

  it('a cancelled or started slot cannot be booked', async () => {
    const item = await addItem(emulator, { name: '血压测量' });
    const started = await addSlot(emulator, item, { fromNow: -10 * 60_000 });
    expect((await call(emulator, 'demo-resident-9', 'service', 'book', { slotId: started })).error.code).toBe('FAILED_PRECONDITION');
    expect((await call(emulator, 'demo-resident-9', 'service', 'book', { slotId: 'no-such-slot' })).error.code).toBe('NOT_FOUND');
  });
});
