import { Emulator } from '../../emulator/app';
import { startApp } from '../helpers/app';
import { publish, signupDocs } from './activity-fixtures';
import { okCall } from './neighbourhood';
import { COMMITTEE, addItem, addSlot, bookingDocs } from './service-fixtures';

/**
 * CloudBase has no sparse indexes: a unique index counts every document without the key as `null`
 * (DESIGN.md, "CloudBase has no sparse indexes"). So the one-live-booking / one-live-signup keys are
 * never removed when a record leaves the live state; they become `dead|<_id>`, unique to the record.
 * Before that, the second cancellation by the same person failed with a duplicate key on `null`.
 */
describe('a resident who changes their mind twice', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startApp();
  });
  afterAll(() => emulator.close());

  it('books a slot, cancels, books again and cancels again; each ended booking keeps a key of its own', async () => {
    const item = await addItem(emulator, { name: '血压测量' });
    const slotId = await addSlot(emulator, item);
    const ids: string[] = [];
    for (let round = 0; round < 2; round++) {
      const booking = await okCall(emulator, 'demo-resident-3', 'service', 'book', { slotId });
      ids.push(booking.id);
      const cancelled = await okCall(emulator, 'demo-resident-3', 'service', 'cancel', { bookingId: booking.id });
      expect(cancelled.status).toBe('cancelled');
    }
    const docs = bookingDocs(emulator, { slotId });
    expect(docs.map((d) => [d._id, d.status, d.liveKey]).sort()).toEqual(ids.map((id) => [id, 'cancelled', `dead|${id}`]).sort());
    // The third booking is live again and holds the live key.
    const third = await okCall(emulator, 'demo-resident-3', 'service', 'book', { slotId });
    expect(bookingDocs(emulator, { _id: third.id })[0].liveKey).toBe(`${slotId}|demo-resident-3`);
  });

  it('when the provider cancels a slot, every booking it ends gets its own dead key', async () => {
    const item = await addItem(emulator, { name: '义诊' });
    const slotId = await addSlot(emulator, item);
    const a = await okCall(emulator, 'demo-resident-4', 'service', 'book', { slotId });
    const b = await okCall(emulator, 'demo-resident-5', 'service', 'book', { slotId });
    await okCall(emulator, COMMITTEE, 'service', 'cancelSlot', { slotId, reason: '医生临时有事' });
    const keys = bookingDocs(emulator, { slotId })
      .map((d) => d.liveKey)
      .sort();
    expect(keys).toEqual([`dead|${a.id}`, `dead|${b.id}`].sort());
  });

  it('signs up for an activity, cancels, signs up again and cancels again', async () => {
    const activityId = await publish(emulator, { title: '楼道清洁' });
    const ids: string[] = [];
    for (let round = 0; round < 2; round++) {
      const signup = await okCall(emulator, 'demo-resident-3', 'activity', 'signup', { activityId, answers: {} });
      ids.push(signup.id);
      const cancelled = await okCall(emulator, 'demo-resident-3', 'activity', 'cancel', { signupId: signup.id });
      expect(cancelled.status).toBe('cancelled');
    }
    const docs = signupDocs(emulator, activityId);
    expect(docs.map((d) => [d._id, d.status, d.liveKey]).sort()).toEqual(ids.map((id) => [id, 'cancelled', `dead|${id}`]).sort());
  });

  it('when the committee cancels an activity, every signup it ends gets its own dead key', async () => {
    const activityId = await publish(emulator, { title: '重阳节敬老' });
    const a = await okCall(emulator, 'demo-resident-4', 'activity', 'signup', { activityId, answers: {} });
    const b = await okCall(emulator, 'demo-resident-5', 'activity', 'signup', { activityId, answers: {} });
    await okCall(emulator, COMMITTEE, 'activity', 'cancelActivity', { activityId, reason: '天气原因' });
    const keys = signupDocs(emulator, activityId)
      .map((d) => d.liveKey)
      .sort();
    expect(keys).toEqual([`dead|${a.id}`, `dead|${b.id}`].sort());
  });
});
