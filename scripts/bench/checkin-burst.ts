// One check-in code scanned 100 times at once by the same volunteer (the load the check-in test keeps to 20).
import { startEmulator } from '../../emulator/app';
import { readDatabaseDeclaration } from '../../emulator/schema';
import { seedDemo } from '../demo/seed-store';
import { DEV_CHECKIN_SECRET, TOKEN_TTL_MS, mintCheckinToken } from '../../server/checkin-token';
import type { ActivityDoc } from '../../server/repositories/activities';
import type { SignupDoc } from '../../server/repositories/signups';
import { FUNCTIONS, goal, ms, percentile } from './measure';

/**
 * A volunteer's phone sends the same scan 100 times at once: exactly one check-in must stand, and
 * every scan must be answered while the code (30 s) still lives. The activity and signup go straight
 * into the store, running now, as the check-in tests put them.
 */
export async function checkinBurst(): Promise<void> {
  const scans = 100;
  const app = await startEmulator({ dataDir: null, functionsDir: FUNCTIONS, schema: readDatabaseDeclaration().collections });
  await seedDemo(app.db);
  const hour = 3600_000;
  const now = Date.now();
  const activity: ActivityDoc = {
    _id: 'bench-checkin',
    communityId: 'demo-community',
    title: '周六垃圾分类督导',
    description: '在垃圾厢房旁引导居民分类投放。',
    series: 'civility',
    place: { text: '3号楼垃圾厢房', location: null, servicePointId: null },
    startAt: new Date(now - hour),
    endAt: new Date(now + hour),
    signupOpensAt: new Date(now - 72 * hour),
    signupClosesAt: new Date(now - 24 * hour),
    capacity: 100,
    approval: 'auto',
    audience: { kind: 'community' },
    form: { phone: 'optional', companionsMax: 2, note: 'optional' },
    shifts: [],
    cover: null,
    pointsPerHour: 1,
    checkinRadiusMetres: null,
    status: 'published',
    confirmed: 1,
    createdBy: 'demo-committee',
    createdAt: new Date(now - 96 * hour),
    updatedAt: new Date(now - 96 * hour),
  };
  const signup: SignupDoc = {
    _id: 'bench-checkin-signup',
    activityId: activity._id,
    shiftId: null,
    communityId: activity.communityId,
    openid: 'demo-volunteer-2',
    status: 'confirmed',
    answers: { phone: null, companions: 0, note: null },
    seats: 1,
    reason: null,
    createdAt: new Date(now - 80 * hour),
    decidedAt: new Date(now - 80 * hour),
    checkinAt: null,
    checkoutAt: null,
    hours: null,
  };
  await app.db.insert('activities', [activity]);
  await app.db.insert('signups', [signup]);
  await app.host.pool('activity').prestart(16);

  const { token } = mintCheckinToken({ activityId: activity._id, shift: 0, issuedAt: new Date() }, DEV_CHECKIN_SECRET);
  const started = performance.now();
  const answers = await Promise.all(
    Array.from({ length: scans }, async () => {
      const t = performance.now();
      const res = await fetch(`${app.url}/functions/activity`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-openid': 'demo-volunteer-2' },
        body: JSON.stringify({ action: 'checkin', data: { activityId: activity._id, token } }),
      });
      const body = (await res.json()) as { ok?: boolean; data?: { checkinAt?: string }; error?: { code: string } };
      return { body, ms: performance.now() - t };
    }),
  );
  const drained = performance.now() - started;
  const latencies = answers.map((a) => a.ms).sort((a, b) => a - b);
  const refused = answers.filter((a) => !a.body.ok).length;
  const times = new Set(answers.filter((a) => a.body.ok).map((a) => a.body.data?.checkinAt));
  const stored = app.db.find('signups', { _id: signup._id })[0];
  console.log(`one check-in code scanned ${scans} times at once by one volunteer (code lives ${TOKEN_TTL_MS / 1000} s)`);
  console.log(
    `  drained in ${(drained / 1000).toFixed(2)} s, p50 ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))}; ${refused} refused; ${times.size} check-in time(s) answered, stored ${stored?.checkinAt instanceof Date ? stored.checkinAt.toISOString() : 'none'} ${goal(drained < TOKEN_TTL_MS && refused === 0 && times.size === 1, "all answered inside the code's life, one check-in")}`,
  );
  await app.close();
}
