import { Emulator } from '../../emulator/app';
import { call, startApp } from '../helpers/app';
import { measuredCall } from './activity-fixtures';
import { okCall } from './neighbourhood';
import { HOSPITAL, PROVIDER, addItem, addSlot } from './service-fixtures';

/**
 * `service.item`: one item of the menu by its id, as the catalogue lists it (the detail page opens
 * it from a list, a message or a shared link), with its provider's rating; a missing id is NOT_FOUND.
 */
describe('one service item by id', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startApp();
  });
  afterAll(() => emulator.close());

  it('answers the item as the catalogue lists it, to a resident and to someone not yet bound', async () => {
    const menu = await okCall(emulator, 'demo-resident-1', 'service', 'catalogue', {});
    const listed = menu.items.find((i: any) => i.id === 'demo-item-tcm');
    const got = await okCall(emulator, 'demo-resident-1', 'service', 'item', { itemId: 'demo-item-tcm' });
    expect(got).toEqual(listed);
    expect(got).toMatchObject({
      name: '中医把脉',
      seriesName: '康养友邻',
      eligibility: { kind: 'elderly' },
      cancelCutoffHours: 2,
      provider: { id: HOSPITAL, name: '友邻社区卫生服务中心' },
      servicePoint: { id: 'demo-point-health', address: '友邻路 88 号一楼' },
    });
    expect(await okCall(emulator, 'demo-visitor-1', 'service', 'item', { itemId: 'demo-item-tcm' })).toEqual(listed);
  });

  it("shows the provider's rating once a completed booking is rated", async () => {
    const item = await addItem(emulator, { name: '家庭医生签约' });
    const slotId = await addSlot(emulator, item, { fromNow: 20 * 60_000 });
    const booked = await okCall(emulator, 'demo-resident-2', 'service', 'book', { slotId });
    await okCall(emulator, PROVIDER, 'service', 'redeem', { itemId: item.id, code: booked.code });
    await okCall(emulator, 'demo-resident-2', 'service', 'rate', { bookingId: booked.id, stars: 4 });
    const got = await okCall(emulator, 'demo-resident-3', 'service', 'item', { itemId: item.id });
    expect(got.rating).toEqual({ average: 4, count: 1 });
    expect(got.provider.rating.count).toBeGreaterThanOrEqual(1);
  });

  it('an unknown id is NOT_FOUND in plain words; a malformed one is refused before any read', async () => {
    expect(await call(emulator, 'demo-resident-1', 'service', 'item', { itemId: 'no-such-item' })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: '没有找到这项服务' },
    });
    const bad = await call(emulator, 'demo-resident-1', 'service', 'item', { itemId: { $ne: null } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it('costs one database request warm: the item with its provider and point in one aggregation (and the caller on their first call here)', async () => {
    const m = await measuredCall(emulator, 'demo-resident-1', 'service', 'item', { itemId: 'demo-item-blood-pressure' });
    expect(m.res).toMatchObject({ ok: true, data: { name: '血压血糖测量' } });
    const warm = await measuredCall(emulator, 'demo-resident-1', 'service', 'item', { itemId: 'demo-item-blood-pressure' });
    expect({ first: m.db <= 2, warm: warm.db }).toEqual({ first: true, warm: 1 });
  });
});
