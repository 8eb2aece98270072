import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { FIXTURE_FUNCTIONS, ROOT } from './emulator';

/** The built server (`npm start`'s program) as a separate process, for crash and shutdown tests. */
export async function spawnServer(dataDir: string, extraEnv: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'emulator', 'server.js')], {
    env: { ...process.env, PORT: '0', YOULIN_DATA_DIR: dataDir, YOULIN_FUNCTIONS_DIR: FIXTURE_FUNCTIONS, YOULIN_TIMERS: 'off', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 45_000);
    const check = (): void => {
      const match = /local CloudBase at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', check);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return { child, url, output: () => output };
}

export async function adminCall(url: string, body: Record<string, unknown>): Promise<any> {
  const res = await fetch(`${url}/admin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return res.json();
}
