// How long a fresh node process takes to require each built function, and how large each one is.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../emulator/schema';
import { FIXTURES, FUNCTIONS, ms } from './measure';

export function coldRequire(): void {
  const folders = [FUNCTIONS, FIXTURES].filter((d) => fs.existsSync(d));
  console.log('cold require of each built function, its SDK bundled and trimmed (fresh node process, median of 3; goal ≤150 ms on 2 idle cores, was 310–400 ms with the SDK external)');
  for (const dir of folders) {
    for (const name of fs.readdirSync(dir).sort()) {
      const file = path.join(dir, name, 'index.js');
      if (!fs.existsSync(file)) continue;
      const samples = [0, 1, 2].map(() =>
        Number(
          execFileSync(process.execPath, ['-e', `const t=process.hrtime.bigint();require(${JSON.stringify(file)});console.log(Number(process.hrtime.bigint()-t)/1e6)`], {
            env: { ...process.env, TENCENTCLOUD_SECRETID: 'x', TENCENTCLOUD_SECRETKEY: 'x', SCF_NAMESPACE: 'bench', SILENCE: 'true' },
          }).toString(),
        ),
      );
      samples.sort((a, b) => a - b);
      const size = fs.statSync(file).size;
      console.log(`  ${path.relative(PROJECT_ROOT, file).padEnd(48)} ${ms(samples[1]).padStart(10)}  ${(size / 1024).toFixed(1)} KB`);
    }
  }
}
