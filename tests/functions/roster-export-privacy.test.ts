import { Emulator } from '../../emulator/app';
import { ActivityDoc } from '../../server/repositories/activities';
import { startApp } from '../helpers/app';
import { insertActivity, insertSignup } from './attendance-fixtures';
import { okCall } from './neighbourhood';

/**
 * A roster export holds residents' names and phones. A public-read file's temporary link never expires
 * (DESIGN.md), so exports go under private/, which storage.rules.json shuts to every client; the committee
 * gets a link that dies in 10 minutes, and the activity function's timer deletes exports older than an
 * hour.
 */
const COMMITTEE = 'demo-committee';
const MINUTE = 60_000;

describe('roster exports stay private and do not linger', () => {
  let emulator: Emulator;
  let activity: ActivityDoc;
  beforeAll(async () => {
    emulator = await startApp();
    activity = await insertActivity(emulator);
    await insertSignup(emulator, activity, 'demo-resident-1', { answers: { phone: '13912345678', companions: 0, note: null } });
  });
  afterAll(() => emulator.close());

  const exportRoster = () => okCall(emulator, COMMITTEE, 'activity', 'roster', { activityId: activity._id, format: 'csv', unmask: true });

  it('is stored under private/, which no client may read by its fileID, not even the committee member who asked', async () => {
    const answer = await exportRoster();
    expect(answer.csvFileId).toMatch(new RegExp(`^cloud://youlin-local\\.${emulator.storage.bucket}/private/rosters/${activity._id}/.+\\.csv$`));
    const byFileId = await fetch(`${emulator.url}/emulator/file?id=${encodeURIComponent(answer.csvFileId)}`, { headers: { 'x-openid': COMMITTEE } });
    expect(byFileId.status).toBe(403);
    expect(await byFileId.text()).not.toContain('13912345678');
  });

  it('its link works now and expires within 10 minutes', async () => {
    const before = Math.floor(Date.now() / 1000);
    const answer = await exportRoster();
    const res = await fetch(answer.csvUrl);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('13912345678');
    const expires = Number(new URL(answer.csvUrl).searchParams.get('t'));
    expect(expires - before).toBeLessThanOrEqual(600 + 1);
    expect(expires - before).toBeGreaterThan(0);
  });

  it('the timer deletes exports older than an hour and keeps newer ones', async () => {
    const answer = await exportRoster();
    const madeAt = Date.now();
    const early: any = await emulator.host.fireTimer('activity', 'forgetRosterExports', new Date(madeAt + 30 * MINUTE));
    expect(early.result.ok).toBe(true);
    expect(await emulator.storage.read(answer.csvFileId)).not.toBeNull();
    const late: any = await emulator.host.fireTimer('activity', 'forgetRosterExports', new Date(madeAt + 61 * MINUTE));
    expect(late.result).toEqual({ ok: true, data: { deleted: 3 } });
    expect(await emulator.storage.read(answer.csvFileId)).toBeNull();
    expect(emulator.db.find('roster_exports', {})).toEqual([]);
  });

  it('runs as a job of the activity function’s one trigger', async () => {
    const fired: any = await emulator.host.fireTimer('activity', 'jobs');
    expect(fired.result.data.jobs.map((j: { name: string }) => j.name)).toContain('forgetRosterExports');
  });
});
