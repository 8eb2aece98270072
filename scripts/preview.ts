/**
 * The browser's half of `npm run preview` and of the UI check (jest renders the documents first):
 *
 *   node dist/scripts/preview.js shoot [dir]     screenshots, index.html, the UI check's findings
 *   node dist/scripts/preview.js measure [dir]   only the findings, as JSON on stdout
 */
import path from 'node:path';
import { shootAll, writeIndex } from './preview/shoot';

async function main(): Promise<void> {
  const [command, dirArg] = process.argv.slice(2);
  const dir = path.resolve(dirArg ?? 'preview');
  if (command === 'measure') {
    const shots = await shootAll(dir, { screenshots: false });
    process.stdout.write(JSON.stringify(shots));
    return;
  }
  if (command !== 'shoot') throw new Error('usage: preview.js shoot|measure [dir]');
  const started = Date.now();
  const shots = await shootAll(dir, { screenshots: true });
  const index = writeIndex(dir, shots);
  const findings = shots.reduce((n, s) => n + s.findings.length, 0);
  console.log(`${shots.length} page states screenshotted in ${((Date.now() - started) / 1000).toFixed(1)} s; UI check findings: ${findings}; open ${path.relative(process.cwd(), index)}`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
