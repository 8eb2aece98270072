// The bench's callers (scripts/bench/client.ts starts this process): makes the calls it is sent and
// answers what each caller saw, with the CPU this process spent on them.
import type { Answer, Call } from './bench/client';

async function callOnce(url: string, call: Call): Promise<Answer> {
  const started = performance.now();
  try {
    const res = await fetch(`${url}/functions/${call.fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(call.openid ? { 'x-openid': call.openid } : {}) },
      body: JSON.stringify(call.event),
    });
    const body: unknown = await res.json();
    return { ms: performance.now() - started, status: res.status, db: Number(res.headers.get('x-db-requests') ?? 0), body };
  } catch (error) {
    return { ms: NaN, status: 0, db: NaN, body: { error: { code: (error as Error).message } } };
  }
}

process.on('message', (request: { id: number; url: string; calls: Call[]; concurrency: number }) => {
  void (async () => {
    const cpu = process.cpuUsage();
    const answers: Answer[] = new Array(request.calls.length);
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(request.concurrency, request.calls.length) }, async () => {
        while (next < request.calls.length) {
          const at = next++;
          answers[at] = await callOnce(request.url, request.calls[at]);
        }
      }),
    );
    const used = process.cpuUsage(cpu);
    process.send?.({ id: request.id, answers, clientCpuMs: (used.user + used.system) / 1000 });
  })();
});
