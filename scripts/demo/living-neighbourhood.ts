import { Emulator } from '../../emulator/app';
import { DEMO } from '../../server/seed/demo-neighbourhood';
import { CallAs, livingWeek } from './living-week';
import { seedDemo } from './seed-store';

/** Calls a function as the mini-program does, by the emulator's front door; answers `data` or throws with the code. */
export function callerOf(emulator: Emulator): CallAs {
  return async (openid, fn, action, data) => {
    const res = await fetch(`${emulator.url}/functions/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-openid': openid },
      body: JSON.stringify({ action, data }),
    });
    const body = (await res.json()) as { ok: boolean; data?: unknown; error?: { code: string; message: string } };
    if (!body.ok) throw new Error(`${fn}.${action} as ${openid}: ${body.error?.code} ${body.error?.message}`);
    return body.data as { id: string };
  };
}

/** The demo neighbourhood into the empty store, then its week; a line for the console. */
export async function seedLivingNeighbourhood(emulator: Emulator, now = new Date()): Promise<string> {
  const demo = await seedDemo(emulator.db, { now });
  if (process.env.YOULIN_DEMO_WEEK === 'off') return `seeded the demo neighbourhood: ${demo.units.length} units, ${demo.users.length} people (YOULIN_DEMO_WEEK=off: without its week)`;
  const made = await livingWeek(
    callerOf(emulator),
    now,
    demo.serviceSlots.filter((s) => s.itemId === DEMO.bloodPressure).map((s) => s._id),
    async (at) => emulator.host.clock.set(at),
  );
  const week = Object.entries(made)
    .map(([kind, n]) => `${n} ${kind}`)
    .join(', ');
  return `seeded the demo neighbourhood: ${demo.units.length} units, ${demo.users.length} people (see README: demo identities); its week: ${week}`;
}
