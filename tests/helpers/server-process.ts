import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { FIXTURE_FUNCTIONS, ROOT } from './emulator';

/** How long a server may take to say it is listening: generous, since a loaded machine is slow. */
const START_WAIT_MS = 60_000;
/** How long a server may take to stop after SIGINT/SIGTERM before it is killed outright. */
const STOP_WAIT_MS = 10_000;

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
  /** Stops the server (the signal, then SIGKILL if it lingers) and waits until it has exited. Idempotent. */
  stop: (signal?: NodeJS.Signals) => Promise<void>;
}

/** Every server a test file started and has not seen exit: stopped after the file whatever the outcome. */
const running = new Set<ChildProcess>();

const exited = (child: ChildProcess): boolean => child.exitCode !== null || child.signalCode !== null;

function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGINT'): Promise<void> {
  if (exited(child)) {
    running.delete(child);
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), STOP_WAIT_MS);
    child.once('exit', () => {
      clearTimeout(force);
      running.delete(child);
      resolve();
    });
    child.kill(signal);
  });
}

export async function stopAllServers(): Promise<void> {
  await Promise.all([...running].map((child) => stopChild(child, 'SIGKILL')));
}

// Registered in every test file that uses this helper: no server outlives its file.
afterAll(stopAllServers);
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * The built server as a separate process, for crash and shutdown tests: the generic emulator, or with
 * `program: 'start'` `npm start`'s program, which seeds the demo neighbourhood on an empty folder. Resolves
 * once it prints its address (waiting up to a minute); if it exits or never says so, it is killed and
 * the promise rejects with what it printed.
 */
export async function spawnServer(dataDir: string, extraEnv: Record<string, string> = {}, program: 'emulator' | 'start' = 'emulator'): Promise<ServerProcess> {
  const entry = program === 'start' ? path.join(ROOT, 'dist', 'scripts', 'start.js') : path.join(ROOT, 'dist', 'emulator', 'server.js');
  const child = spawn(process.execPath, [entry], {
    env: { ...process.env, PORT: '0', YOULIN_DATA_DIR: dataDir, YOULIN_FUNCTIONS_DIR: FIXTURE_FUNCTIONS, YOULIN_TIMERS: 'off', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        child.stdout?.off('data', check);
        child.off('exit', onExit);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`server did not start within ${START_WAIT_MS / 1000} s:\n${output}`));
      }, START_WAIT_MS);
      const check = (): void => {
        const match = /local CloudBase at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (!match) return;
        done();
        resolve(match[1]);
      };
      const onExit = (code: number | null): void => {
        done();
        reject(new Error(`server exited with ${code}:\n${output}`));
      };
      child.stdout?.on('data', check);
      child.on('exit', onExit);
    });
    return { child, url, output: () => output, stop: (signal) => stopChild(child, signal) };
  } catch (error) {
    await stopChild(child, 'SIGKILL');
    throw error;
  }
}

export async function adminCall(url: string, body: Record<string, unknown>): Promise<any> {
  const res = await fetch(`${url}/admin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return res.json();
}
