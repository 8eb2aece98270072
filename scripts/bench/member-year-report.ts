// The year-end report of in-service party members: a CSV per work unit for 500 members × 100 verified services.
import { startEmulator } from '../../emulator/app';
import { readDatabaseDeclaration } from '../../emulator/schema';
import { seedDemo } from '../demo/seed-store';
import { registrationIdOf } from '../../server/repositories/member-registrations';
import { shanghaiYear } from '../../domain/shanghai-time';
import { FUNCTIONS, ms } from './measure';

const UNITS = ['新翔区税务局', '友邻小学', '区人民医院', '街道城管中队', '区图书馆'];

/**
 * `member.unitReports` (the committee's year-end files) on communities of 100, 250 and 500 approved
 * members with 100 verified services and 2 ratings each in the year, seeded straight into the store:
 * time and database requests through POST /functions/member. The database sums the services per
 * member and kind in the one aggregation that reads the community's year, so the call makes one
 * database request whatever the members and services (and one upload a work unit). Goal: under 2 s
 * at 500 members.
 */
export async function memberYearReport(): Promise<void> {
  console.log('member year report: unitReports, 100 verified services and 2 ratings a member, via POST /functions/member (in-memory store)');
  for (const members of [100, 250, 500]) {
    const app = await startEmulator({ dataDir: null, functionsDir: FUNCTIONS, schema: readDatabaseDeclaration().collections });
    await seedDemo(app.db, {});
    const now = new Date();
    const year = shanghaiYear(now);
    const openids = Array.from({ length: members }, (_, i) => `bench-member-${i + 1}`);
    await app.db.insert(
      'member_registrations',
      openids.map((openid, i) => ({
        _id: registrationIdOf('demo-community', openid),
        openid,
        communityId: 'demo-community',
        displayName: `党员${i + 1}`,
        workUnit: UNITS[i % UNITS.length],
        branch: '第一党支部',
        contactName: '老沈',
        contactPhone: '13800009001',
        skills: [],
        serveTimes: ['周六'],
        state: 'approved',
        reason: null,
        teamId: 'demo-team-sorting',
        teamName: '垃圾分类督导队',
        post: null,
        createdAt: now,
        reviewDueAt: now,
        overdue: false,
        reviewedAt: now,
        updatedAt: now,
      })),
    );
    const kinds = ['shift', 'task', 'wish'] as const;
    for (let m = 0; m < members; m += 50) {
      const claims = openids.slice(m, m + 50).flatMap((openid) =>
        Array.from({ length: 100 }, (_, s) => ({
          _id: `bench-claim-${openid}-${s}`,
          taskId: `bench-task-${s}`,
          communityId: 'demo-community',
          kind: kinds[s % 3],
          title: '值守',
          openid,
          state: 'verified',
          liveKey: `bench-task-${s}|${openid}`,
          startAt: null,
          endAt: null,
          checkinAt: null,
          checkoutAt: null,
          note: null,
          photo: null,
          hours: 1.5,
          points: 17,
          year,
          verifiedAt: now,
          reason: null,
          swapTo: null,
          swappedFrom: null,
          createdAt: now,
          updatedAt: now,
        })),
      );
      await app.db.insert('member_claims', claims);
      const ratings = openids.slice(m, m + 50).flatMap((openid) =>
        [0, 1].map((r) => ({
          _id: `bench-rating-${openid}-${r}`,
          taskId: `bench-task-${r}`,
          communityId: 'demo-community',
          members: [openid],
          stars: 4 + r,
          year,
          createdAt: now,
        })),
      );
      await app.db.insert('member_ratings', ratings);
    }
    const report = async () => {
      const started = performance.now();
      const res = await fetch(`${app.url}/functions/member`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-openid': 'demo-committee' },
        body: JSON.stringify({ action: 'unitReports', data: { communityId: 'demo-community', year } }),
      });
      const body = (await res.json()) as { ok: boolean; data?: { files: { members: number }[] }; error?: unknown };
      if (!body.ok || !body.data) throw new Error(`unitReports failed: ${JSON.stringify(body)}`);
      return { ms: performance.now() - started, db: Number(res.headers.get('x-db-requests') ?? 0), listed: body.data.files.reduce((s, f) => s + f.members, 0) };
    };
    await report();
    const runs = [await report(), await report(), await report()].sort((a, b) => a.ms - b.ms);
    const mid = runs[1];
    console.log(
      `  ${String(members).padStart(3)} members × 100 services (${(members * 100).toLocaleString('en')}): ${ms(mid.ms)} median of 3, ${mid.db} db requests, ${mid.listed} members listed in ${UNITS.length} files${members === 500 ? (mid.ms < 2000 ? ' — under the 2 s goal' : ' — OVER the 2 s goal') : ''}`,
    );
    await app.close();
  }
}
