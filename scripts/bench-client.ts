// The bench's callers (scripts/bench/client.ts starts this process): makes the calls it is sent and
// answers what each caller saw, with the CPU this process spent on them.
import type { Answer, Call } from './bench/client';
import { request } from './bench/http';

async function callOnce(url: string, call: Call): Promise<Answer> {
  const started = performance.now();
  try {
    const reply = await request(`${url}/functions/${call.fn}`, {
      headers: { 'content-type': 'application/json', ...(call.openid ? { 'x-openid': call.openid } : {}) },
      body: JSON.stringify(call.event),
    });
    const body: unknown = JSON.parse(reply.text);
    return { ms: performance.now() - started, status: reply.status, db: Number(reply.headers['x-db-requests'] ?? 0), body };
  } catch (error) {
    return { ms: NaN, status: 0, db: NaN, body: { error: { code: (error as Error).message } } };
  }
}

process.on('message', (batch: { id: number; url: string; calls: Call[]; concurrency: number }) => {
  void (async () => {
    const cpu = process.cpuUsage();
    const answers: Answer[] = new Array(batch.calls.length);
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(batch.concurrency, batch.calls.length) }, async () => {
        while (next < batch.calls.length) {
          const at = next++;
          answers[at] = await callOnce(batch.url, batch.calls[at]);
        }
      }),
    );
    const used = process.cpuUsage(cpu);
    process.send?.({ id: batch.id, answers, clientCpuMs: (used.user + used.system) / 1000 });
  })();
});
