import { BINDINGS } from '../server/repositories/bindings';
import { DEMAND_CATEGORIES } from '../server/repositories/demand-categories';
import { PARTNERS } from '../server/repositories/partners';
import { UNITS } from '../server/repositories/units';
import { USERS } from '../server/repositories/users';
import { SERVICE_ITEMS } from '../server/repositories/service-items';
import { SERVICE_POINTS } from '../server/repositories/service-points';
import { SERVICE_SLOTS } from '../server/repositories/service-slots';
import { DemoData, demoNeighbourhood } from '../server/seed/demo-neighbourhood';
import { Database } from './store/database';
import { Doc } from './store/types';

/**
 * Seeds the demo neighbourhood straight into the emulator's store. It only ever writes to a local
 * store: nothing here can reach a cloud environment.
 */
export async function seedDemo(db: Database, options: { residents?: number; now?: Date } = {}): Promise<DemoData> {
  const data = demoNeighbourhood({ residents: options.residents, now: options.now ?? new Date() });
  const batches: [string, Doc[]][] = [
    [UNITS, data.units],
    [PARTNERS, data.partners],
    [USERS, data.users],
    [BINDINGS, data.bindings],
    [SERVICE_POINTS, data.servicePoints],
    [SERVICE_ITEMS, data.serviceItems],
    [SERVICE_SLOTS, data.serviceSlots],
    [DEMAND_CATEGORIES, data.demandCategories],
  ];
  for (const [collection, docs] of batches) {
    for (let i = 0; i < docs.length; i += 500) await db.insert(collection, docs.slice(i, i + 500));
  }
  return data;
}

/** True when no declared collection holds a document: a fresh data folder. */
export function isEmpty(db: Database): boolean {
  return db.collectionNames().every((name) => db.count(name, {}) === 0);
}
