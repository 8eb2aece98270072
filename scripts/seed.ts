// `npm run seed -- --residents N`: replaces the local database with a demo neighbourhood of N residents
// (default 20), for benchmarks and demos. Run it with the server stopped. Local data folder only.
import { lockDataDir } from '../emulator/data-lock';
import { defaultDataDir, readDatabaseDeclaration } from '../emulator/schema';
import { seedDemo } from './demo/seed-store';
import { Database } from '../emulator/store/database';

async function main(): Promise<void> {
  const at = process.argv.indexOf('--residents');
  const residents = at >= 0 ? Number(process.argv[at + 1]) : 20;
  if (!Number.isInteger(residents) || residents < 1 || residents > 200_000) {
    console.error('用法：npm run seed -- --residents N（1 到 200000）');
    process.exit(2);
  }
  const dataDir = defaultDataDir();
  const unlock = lockDataDir(dataDir);
  try {
    const db = Database.open({ dataDir, schema: readDatabaseDeclaration().collections });
    await db.restore({ seq: 0, collections: [] });
    const started = Date.now();
    const demo = await seedDemo(db, { residents });
    await db.close();
    console.log(`seeded ${demo.users.length} people in ${demo.units.length} units into ${dataDir} in ${Date.now() - started} ms`);
  } finally {
    unlock();
  }
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
