// The bench's callers in a process of their own (scripts/bench-client.ts), so the emulator's CPU and
// memory figures are the emulator's alone, as they would be with real phones calling it.
import { ChildProcess, fork } from 'node:child_process';
import path from 'node:path';

/** One POST /functions/<fn> as the mini-program's local mode sends it. */
export interface Call {
  fn: string;
  openid?: string;
  event: unknown;
}

/** What a caller saw: latency, HTTP status, the x-db-requests count and the body (or the error's message). */
export interface Answer {
  ms: number;
  status: number;
  db: number;
  body: unknown;
}

export interface BenchClient {
  /** Makes the calls, `concurrency` at a time (every one at once when it is the number of calls), in order. */
  run(url: string, calls: Call[], concurrency: number): Promise<{ answers: Answer[]; clientCpuMs: number }>;
  close(): void;
}

export function startClient(): BenchClient {
  const child: ChildProcess = fork(path.join(__dirname, 'bench-client.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let nextId = 1;
  const waiting = new Map<number, (reply: { answers: Answer[]; clientCpuMs: number }) => void>();
  child.on('message', (reply: { id: number; answers: Answer[]; clientCpuMs: number }) => {
    waiting.get(reply.id)?.(reply);
    waiting.delete(reply.id);
  });
  return {
    run(url, calls, concurrency) {
      const id = nextId++;
      return new Promise((resolve) => {
        waiting.set(id, resolve);
        child.send({ id, url, calls, concurrency });
      });
    },
    close() {
      child.kill();
    },
  };
}
