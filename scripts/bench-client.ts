// The bench's callers (scripts/bench/client.ts starts this process): makes the calls it is sent and
// answers what each caller saw, with the CPU this process spent on them.
import http from 'node:http';
import type { Answer, Call } from './bench/client';

// Plain node:http on kept-alive sockets: the callers stand in for phones elsewhere, so they should
// take as little of the two cores as they can (fetch took 1.3–1.9 ms of CPU a call, this ~0.4).
const agent = new http.Agent({ keepAlive: true });

function callOnce(url: string, call: Call): Promise<Answer> {
  const started = performance.now();
  const body = JSON.stringify(call.event);
  return new Promise((resolve) => {
    const failed = (error: Error) => resolve({ ms: NaN, status: 0, db: NaN, body: { error: { code: error.message } } });
    const req = http.request(
      `${url}/functions/${call.fn}`,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...(call.openid ? { 'x-openid': call.openid } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', failed);
        res.on('end', () => {
          try {
            const answer: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
            resolve({ ms: performance.now() - started, status: res.statusCode ?? 0, db: Number(res.headers['x-db-requests'] ?? 0), body: answer });
          } catch (error) {
            failed(error as Error);
          }
        });
      },
    );
    req.on('error', failed);
    req.end(body);
  });
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
