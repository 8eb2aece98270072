/**
 * Tests call the emulator over Node's own http on kept-alive sockets (scripts/bench/http.ts). In jest,
 * fetch cost about twice the CPU of the call it made (on `user.me`: 6.0–6.6 ms of the test process's
 * CPU a call with fetch, 3.6–4.4 with this), and the stories make thousands of calls.
 */
import http from 'node:http';
import { request } from '../../scripts/bench/http';

export { request };

/** POSTs `event` as JSON (with the caller's openid, as the mini-program's local mode sends it); answers the parsed reply. */
export async function postJson(url: string, event: unknown, openid?: string | null): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: any }> {
  const reply = await request(url, { headers: { 'content-type': 'application/json', ...(openid ? { 'x-openid': openid } : {}) }, body: JSON.stringify(event) });
  return { status: reply.status, headers: reply.headers, body: JSON.parse(reply.text) };
}
