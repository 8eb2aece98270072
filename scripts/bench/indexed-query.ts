// One query on 100,000 documents in the store, by an indexed field and by the same field unindexed.
import { Database } from '../../emulator/store/database';
import { ms } from './measure';

export async function indexedQuery(): Promise<void> {
  const db = Database.open({ schema: [{ name: 'residents', indexes: [{ name: 'building_1', keys: { building: 1 } }] }] });
  const n = 100_000;
  const docs = Array.from({ length: n }, (_, i) => ({ _id: `r${i}`, building: `b${i % 500}`, buildingCopy: `b${i % 500}`, age: 20 + (i % 70) }));
  const t = performance.now();
  for (let i = 0; i < n; i += 5000) await db.insert('residents', docs.slice(i, i + 5000));
  console.log(`query on ${n.toLocaleString('en')} documents (loaded in ${(performance.now() - t).toFixed(0)} ms)`);
  const time = (query: Record<string, unknown>): number => {
    const runs = 30;
    const started = performance.now();
    for (let i = 0; i < runs; i++) db.find('residents', query, { limit: 1000 });
    return (performance.now() - started) / runs;
  };
  const indexed = time({ building: 'b17', age: { $gte: 60 } });
  const unindexed = time({ buildingCopy: 'b17', age: { $gte: 60 } });
  const plan = db.explain('residents', { building: 'b17', age: { $gte: 60 } });
  const scan = db.explain('residents', { buildingCopy: 'b17', age: { $gte: 60 } });
  console.log(`  indexed   ${ms(indexed)} (examined ${plan.examined}, index ${plan.index})`);
  console.log(`  unindexed ${ms(unindexed)} (examined ${scan.examined}) → index ×${(unindexed / indexed).toFixed(0)} faster`);
}
