import path from 'node:path';
import { Emulator, startEmulator } from '../../emulator/app';
import { readDatabaseDeclaration } from '../../emulator/schema';
import { seedDemo } from '../../scripts/demo/seed-store';
import { call, startApp } from '../helpers/app';
import { ROOT } from '../helpers/emulator';
import { publish } from './activity-fixtures';
import { okCall } from './neighbourhood';
import { addItem, addSlot, bookingDocs, slotDoc } from './service-fixtures';

/**
 * Check-in and booking codes are signed with YOULIN_CHECKIN_SECRET. In an environment deployed without it
 * the functions refuse to sign or check any code (FAILED_PRECONDITION, a message the resident can act
 * on) and write nothing; only the emulator, which marks its functions with YOULIN_EMULATOR=1, signs with
 * the development secret.
 */
const UNCONFIGURED = { code: 'FAILED_PRECONDITION', message: '签到码和预约码暂时无法使用：系统尚未配置完成，请联系居委会' };

describe('an environment deployed without the code secret', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({
      dataDir: null,
      functionsDir: path.join(ROOT, 'cloudfunctions'),
      schema: readDatabaseDeclaration().collections,
      markFunctions: false,
    });
    await seedDemo(emulator.db, { now: new Date('2026-11-01T02:00:00Z') });
  });
  afterAll(() => emulator.close());

  it('refuses to book (nothing is written, no place is taken) and to show a check-in code', async () => {
    const item = await addItem(emulator, { name: '理发' });
    const slotId = await addSlot(emulator, item);
    expect(await call(emulator, 'demo-resident-3', 'service', 'book', { slotId })).toEqual({ ok: false, error: UNCONFIGURED });
    expect(bookingDocs(emulator, { slotId })).toEqual([]);
    expect(slotDoc(emulator, slotId)).toMatchObject({ booked: 0 });
    const activityId = await publish(emulator);
    expect(await call(emulator, 'demo-committee', 'activity', 'checkinCode', { activityId })).toEqual({ ok: false, error: UNCONFIGURED });
  });
});

describe('the emulator', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startApp();
  });
  afterAll(() => emulator.close());

  it('signs with the development secret: a booking has its code', async () => {
    const item = await addItem(emulator, { name: '量血压' });
    const slotId = await addSlot(emulator, item);
    const booking = await okCall(emulator, 'demo-resident-3', 'service', 'book', { slotId });
    expect(booking.code).toMatch(/^[A-Za-z0-9_-]{30}$/);
  });
});
