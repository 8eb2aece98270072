// How long a fresh node process takes to require each built function, and how much of it is the
// function's own module-scope work (the same bundle with the SDK replaced by an empty stand-in, timed
// with the Node built-ins the SDK loads already loaded: a deployed function loads them either way).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../emulator/schema';
import { FUNCTIONS, goal, ms } from './measure';

const RUNS = 7;
const ENV = { ...process.env, TENCENTCLOUD_SECRETID: 'x', TENCENTCLOUD_SECRETKEY: 'x', SCF_NAMESPACE: 'bench', SILENCE: 'true' };

/** The Node built-ins requiring wx-server-sdk loads (crypto, http, stream, zlib, …). */
function sdkBuiltins(): string[] {
  const probe = `const before=new Set(process.moduleLoadList);require('wx-server-sdk');console.log(JSON.stringify(process.moduleLoadList.filter((m)=>!before.has(m)&&m.startsWith('NativeModule ')&&!m.startsWith('NativeModule internal/')).map((m)=>'node:'+m.slice(13))))`;
  return JSON.parse(execFileSync(process.execPath, ['-e', probe], { cwd: PROJECT_ROOT, env: ENV }).toString().trim().split('\n').pop() ?? '[]');
}

/** Wall and CPU time of requiring `file` in a fresh process, `preloaded` required before the clock starts: the medians of RUNS. */
function timeRequire(file: string, preloaded: string[] = []): { wall: number; cpu: number } {
  const probe = `${preloaded.map((m) => `require(${JSON.stringify(m)});`).join('')}const c=process.cpuUsage(),t=process.hrtime.bigint();require(${JSON.stringify(file)});const u=process.cpuUsage(c);console.log(Number(process.hrtime.bigint()-t)/1e6,(u.user+u.system)/1e3)`;
  const samples = Array.from({ length: RUNS }, () => execFileSync(process.execPath, ['-e', probe], { env: ENV }).toString().trim().split(' ').map(Number));
  const median = (i: number) => samples.map((s) => s[i]).sort((a, b) => a - b)[Math.floor(RUNS / 2)];
  return { wall: median(0), cpu: median(1) };
}

export function coldRequire(): void {
  const names = fs
    .readdirSync(FUNCTIONS)
    .filter((n) => fs.existsSync(path.join(FUNCTIONS, n, 'index.js')))
    .sort();
  const ownDir = fs.mkdtempSync(path.join(os.tmpdir(), 'youlin-own-code-'));
  try {
    execFileSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts', 'bench', 'own-code.mjs'), ownDir, ...names], { cwd: PROJECT_ROOT });
    console.log(
      `cold require of each built function (fresh node process, median of ${RUNS}; wall / CPU, goals on CPU: the machine is shared); was 310–400 ms with the SDK external, 204–290 ms bundled with names kept`,
    );
    const builtins = sdkBuiltins();
    console.log(
      `  own module scope: the same bundle with the SDK stubbed, timed with the ${builtins.length} Node built-ins the SDK loads anyway (node:crypto among them) already loaded; was 39–58 ms while every contract and domain schema was built at import (domain/zod.ts now builds each on first use)`,
    );
    console.log(`  ${'function'.padEnd(10)} ${'whole index.js'.padStart(22)} ${'own module scope'.padStart(22)}  size`);
    for (const name of names) {
      const file = path.join(FUNCTIONS, name, 'index.js');
      const whole = timeRequire(file);
      const own = timeRequire(path.join(ownDir, `${name}.js`), builtins);
      const size = `${(fs.statSync(file).size / 1024).toFixed(0)} KB`;
      console.log(
        `  ${name.padEnd(10)} ${`${ms(whole.wall)} / ${ms(whole.cpu)}`.padStart(22)} ${`${ms(own.wall)} / ${ms(own.cpu)}`.padStart(22)}  ${size} ${goal(whole.cpu <= 150, '≤150 ms whole')} ${goal(own.cpu <= 30, '≤30 ms own')}`,
      );
    }
    console.log('  (the SDK parts only some calls need, axios, xml2js and mime-db, load from lazy/ on first use; each action loads its use-case module on its first call)');
  } finally {
    fs.rmSync(ownDir, { recursive: true, force: true });
  }
}
