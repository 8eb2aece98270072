import { spawn } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../helpers/emulator';

/** Runs a built script (`node dist/scripts/deploy.js …`, `node scripts/sdk-smoke.js …`) to its end, without blocking the in-process emulator it talks to. */
export function runNode(script: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, script), ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** `npm run deploy -- --env local [--dry-run]` against the emulator at `url`, as npm runs it after the build. */
export function deployLocal(url: string, dryRun = false, env: Record<string, string> = {}): ReturnType<typeof runNode> {
  const port = new URL(url).port;
  return runNode('dist/scripts/deploy.js', ['--env', 'local', ...(dryRun ? ['--dry-run'] : [])], { PORT: port, ...env });
}
