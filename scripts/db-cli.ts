// `npm run db:export -- FILE` and `npm run db:import -- FILE`: whole-database snapshots as JSON
// (Extended JSON for dates), taken from / written to the data folder while the server is stopped.
import fs from 'node:fs';
import { lockDataDir } from '../emulator/data-lock';
import { defaultDataDir, readDatabaseDeclaration } from '../emulator/schema';
import { Database } from '../emulator/store/database';
import { exportSnapshot, importSnapshot } from '../emulator/store/snapshot-file';

async function main(): Promise<void> {
  const [command, file] = process.argv.slice(2);
  if (!['export', 'import'].includes(command) || !file) {
    console.error('用法：npm run db:export -- 文件.json   或   npm run db:import -- 文件.json');
    process.exit(2);
  }
  const dataDir = defaultDataDir();
  const unlock = lockDataDir(dataDir);
  try {
    const db = Database.open({ dataDir, schema: readDatabaseDeclaration().collections });
    if (command === 'export') {
      const text = exportSnapshot(db);
      fs.writeFileSync(file, text);
      console.log(`exported ${db.collectionNames().length} collection(s) to ${file}`);
    } else {
      const counts = await importSnapshot(db, fs.readFileSync(file, 'utf8'));
      console.log(
        `imported ${
          Object.entries(counts)
            .map(([c, n]) => `${c}: ${n}`)
            .join(', ') || 'nothing'
        } from ${file}`,
      );
    }
    await db.close();
  } finally {
    unlock();
  }
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
