/**
 * The preview's "with content" world: the same living week `npm start` seeds (scripts/demo/living-week.ts,
 * one source), run through the real functions on the page tests' emulator. The page tests seed the
 * demo neighbourhood at a fixed day, so the week's bookable health checks get slots from today on
 * here; the pages' states then find what they show by what the week made.
 */
import type { Emulator } from '../../emulator/app';
import { DEMO } from '../../server/seed/demo-neighbourhood';
import { okCall } from '../../tests/functions/neighbourhood';
import { HOUR, addSlot } from '../../tests/functions/service-fixtures';
import { callerOf } from '../demo/living-neighbourhood';
import { livingWeek as theWeek } from '../demo/living-week';

export interface World {
  /** The help request with a comment and likes (纸箱). */
  postId: string;
  /** 党员学习日: demo-resident-1 signed up. */
  activityId: string;
  /** 老年人健步走: open, demo-resident-1 has not signed up. */
  openActivityId: string;
  /** 书法兴趣班: signups wait for the committee's approval. */
  reviewActivityId: string;
  itemId: string;
  demandId: string;
}

type Found = { _id: string };

export async function livingWeek(emulator: Emulator): Promise<World> {
  const bloodPressure = await okCall(emulator, 'demo-resident-1', 'service', 'item', { itemId: DEMO.bloodPressure });
  const slots: string[] = [];
  for (const days of [1, 2, 8]) slots.push(await addSlot(emulator, bloodPressure, { fromNow: days * 24 * HOUR + 2 * HOUR }));
  // the 60+ 中医把脉 has its next free slots in the coming days too
  const tcm = await okCall(emulator, 'demo-resident-1', 'service', 'item', { itemId: DEMO.tcmCheck });
  for (const days of [2, 9]) await addSlot(emulator, tcm, { fromNow: days * 24 * HOUR + 5 * HOUR, capacity: 5 });
  // The week's decided topic is made on the functions' clock from days back, then the clock returns.
  await theWeek(callerOf(emulator), new Date(), slots, async (at) => emulator.host.clock.set(at));

  const one = (collection: string, query: Record<string, unknown>): string => {
    const [doc] = emulator.db.find(collection, query) as Found[];
    if (!doc) throw new Error(`the living week made no ${collection} matching ${JSON.stringify(query)}`);
    return doc._id;
  };
  return {
    postId: one('posts', { content: '谁家有多余的纸箱？孩子学校做手工要用两个。' }),
    activityId: one('activities', { title: '党员学习日：社区治理新规' }),
    openActivityId: one('activities', { title: '老年人健步走' }),
    reviewActivityId: one('activities', { title: '书法兴趣班' }),
    itemId: DEMO.tcmCheck,
    demandId: one('demands', { reporter: 'demo-resident-1' }),
  };
}
