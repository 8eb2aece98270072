import { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PRIVACY_VERSION } from '../../domain/people';
import { ROOT, tempDir } from '../helpers/emulator';
import { adminCall, spawnServer } from '../helpers/server-process';
import { PHONE } from './neighbourhood';

/**
 * Phones are personal data: a neighbour, volunteer, grid worker or provider never receives anyone
 * else's full number, and nothing the functions print (success, refusal, INTERNAL, retries) carries
 * one. The built server runs as its own process so that everything its function workers print is
 * captured.
 */

const COMMITTEE = 'demo-committee';
/** Non-committee people of the demo neighbourhood, and a newcomer with no user yet. */
const NEIGHBOURS = ['demo-visitor-1', 'demo-resident-1', 'demo-resident-2', 'demo-volunteer-1', 'demo-gridworker-1', 'demo-provider-1', 'o-privacy-newcomer'];
const NEW_PHONE = '13912345678';

describe('phone numbers stay private, in answers and in logs', () => {
  let child: ChildProcess;
  let url: string;
  let output: () => string;
  let dataDir: string;
  let calls = 0;
  const answers: { caller: string; body: unknown }[] = [];

  async function send(openid: string, fn: string, action: string, data?: unknown, idempotencyKey?: string): Promise<any> {
    calls++;
    const res = await fetch(`${url}/functions/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-openid': openid },
      body: JSON.stringify({ action, data, ...(idempotencyKey ? { idempotencyKey } : {}) }),
    });
    const body = await res.json();
    answers.push({ caller: openid, body });
    return body;
  }

  async function corrupt(openid: string, set: Record<string, unknown>): Promise<void> {
    const reply = await adminCall(url, { action: 'database.modifyDocument', collectionName: 'users', query: JSON.stringify({ _id: openid }), data: JSON.stringify({ $set: set }), multi: false });
    expect(reply.data).toEqual({ updated: 1, upsert_id: null });
  }

  /** The JSON log lines the functions printed, once every call so far has logged its outcome (the bound only ends a broken run). */
  async function logLines(): Promise<Record<string, unknown>[]> {
    const parse = () =>
      output()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    for (let waited = 0; parse().filter((l) => l.level === 'info').length < calls - internalFailures && waited < 30_000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return parse();
  }
  /** Calls that end in an unexpected error log a failure line instead of an outcome line. */
  let internalFailures = 0;

  beforeAll(async () => {
    dataDir = tempDir('youlin-privacy-');
    ({ child, url, output } = await spawnServer(dataDir, { YOULIN_FUNCTIONS_DIR: path.join(ROOT, 'cloudfunctions'), YOULIN_LOG_CALLS: '1', YOULIN_DEMO_WEEK: 'off' }, 'start'));

    // The everyday battery, as neighbours.
    for (const who of NEIGHBOURS) {
      await send(who, 'user', 'me', {});
      await send(who, 'community', 'tree', {});
      await send(who, 'community', 'tree', { communityId: 'demo-community', includeArchived: true });
      await send(who, 'user', 'updateProfile', { displayName: '热心邻居' });
      await send(who, 'user', 'requestBinding', { buildingId: 'demo-building-2', room: '808' });
      await send(who, 'user', 'requestBinding', { buildingId: 'demo-building-2', room: '808' }, `dup-${who}`);
      await send(who, 'user', 'requestBinding', { buildingId: 'demo-building-2', room: '808' }, `dup-${who}`);
      await send(who, 'user', 'listMembers', { communityId: 'demo-community' });
      await send(who, 'user', 'listMembers', { communityId: 'demo-community', buildingId: 'demo-building-1', unmask: true });
      await send(who, 'user', 'pendingBindings', { communityId: 'demo-community' });
      await send(who, 'user', 'reviewBinding', { bindingId: 'demo-binding-1', decision: 'approve' });
      await send(who, 'user', 'assignRole', { openid: who, role: { role: 'committee', communityId: 'demo-community' } });
      await send(who, 'user', 'updateProfile', { displayName: '邻居', neighbourPhone: '13800000001' });
      await send(who, 'user', 'requestBinding', { buildingId: { $ne: null }, room: '13800000002' });
    }
    // Two identical submissions at once (a double tap): one runs, the other waits or is told CONFLICT.
    await Promise.all([1, 2].map(() => send('demo-resident-3', 'user', 'requestBinding', { buildingId: 'demo-building-3', room: '909' }, 'double-tap-resident-3')));

    // The committee does see full phones, which must still never reach the log.
    await send(COMMITTEE, 'user', 'listMembers', { communityId: 'demo-community', unmask: true });
    await send(COMMITTEE, 'user', 'pendingBindings', { communityId: 'demo-community' });

    // Broken stored data: a phone saved as a number, an avatar that is a phone. Both are INTERNAL.
    await corrupt('demo-resident-5', { phone: 13800000004 });
    await corrupt('demo-resident-6', { avatar: '13800000005' });
    await send('demo-resident-5', 'user', 'me', {});
    await send(COMMITTEE, 'user', 'listMembers', { communityId: 'demo-community', unmask: true });
    await send('demo-resident-6', 'user', 'me', {});
    internalFailures = 1; // the avatar: an unexpected error, logged as a failure, not as an outcome
  }, 60_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('the broken documents really did fail with INTERNAL, with a message that names nobody', () => {
    const internal = answers.filter((a) => (a.body as any).error?.code === 'INTERNAL');
    expect(internal.map((a) => a.caller)).toEqual(['demo-resident-5', COMMITTEE, 'demo-resident-6']);
    for (const a of internal) expect(JSON.stringify(a.body)).not.toMatch(PHONE);
  });

  it("no answer to a neighbour, volunteer, grid worker or provider carries anyone's full phone but their own", () => {
    const own = new Map(answers.filter((a) => (a.body as any).data?.openid === a.caller && 'phone' in (a.body as any).data).map((a) => [a.caller, (a.body as any).data.phone]));
    expect(own.get('demo-resident-1')).toBe('13800000000');
    // 我的 lists the 居委会's and the grid's work phones, and the tree carries every grid's, published
    // for residents to call: those are the only others a neighbour may see, and none is a person's own phone.
    const published = new Set(
      answers.flatMap((a) =>
        [...((a.body as any).data?.contacts ?? []), ...((a.body as any).data?.units ?? []).flatMap((u: any) => (u.contact ? [u.contact] : []))].map((c: { phone: string }) => c.phone),
      ),
    );
    expect(published.size).toBeGreaterThan(0);
    const personal = new Set(answers.filter((a) => a.caller === COMMITTEE).flatMap((a) => JSON.stringify((a.body as any).data ?? {}).match(PHONE) ?? []));
    expect(personal.size).toBeGreaterThan(0);
    expect([...published].filter((p) => personal.has(p))).toEqual([]);
    const leaks = answers
      .filter((a) => NEIGHBOURS.includes(a.caller))
      .flatMap((a) => (JSON.stringify(a.body).match(PHONE) ?? []).filter((p) => p !== own.get(a.caller) && !published.has(p)).map((p) => `${a.caller}: ${p}`));
    expect(leaks).toEqual([]);
  });

  it('the battery was refused where it should be: neighbours got no member list, queue, review or role', () => {
    const refused = answers.filter((a) => NEIGHBOURS.includes(a.caller) && (a.body as any).error?.code === 'PERMISSION_DENIED');
    expect(refused).toHaveLength(NEIGHBOURS.length * 5);
  });

  it("the committee's listing did return full phones (so the log check below has something to leak)", () => {
    const listing = answers.find((a) => a.caller === COMMITTEE && (a.body as any).ok && (a.body as any).data.items);
    expect(JSON.stringify(listing?.body)).toMatch(PHONE);
  });

  it('every call left one log line, and no line carries a phone, an openid or a name', async () => {
    const lines = await logLines();
    expect(lines.filter((l) => l.level === 'info')).toHaveLength(calls - internalFailures);
    expect(lines.filter((l) => l.level === 'info' && l.outcome === 'INTERNAL').length).toBeGreaterThanOrEqual(2);
    expect(lines.filter((l) => l.level === 'error').map((l) => [l.fn, l.action])).toEqual(
      expect.arrayContaining([
        ['repository', 'users'],
        ['user', 'me'],
      ]),
    );
    const printed = output();
    expect(printed.match(PHONE)).toBeNull();
    const logText = lines.map((l) => JSON.stringify(l)).join('\n');
    for (const secret of [...NEIGHBOURS, COMMITTEE, '热心邻居', '王秀英']) expect(logText).not.toContain(secret);
    for (const line of lines) expect(Object.keys(line).every((k) => ['level', 'fn', 'action', 'outcome', 'ms', 'error', 'code', 'where'].includes(k))).toBe(true);
  });
});

describe('giving a phone number needs the privacy notice first', () => {
  let child: ChildProcess;
  let url: string;
  let output: () => string;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = tempDir('youlin-consent-');
    ({ child, url, output } = await spawnServer(dataDir, { YOULIN_FUNCTIONS_DIR: path.join(ROOT, 'cloudfunctions'), YOULIN_LOG_CALLS: '1', YOULIN_DEMO_WEEK: 'off' }, 'start'));
  });
  afterAll(async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  const update = async (data: unknown) =>
    (
      await fetch(`${url}/functions/user`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-openid': 'o-consent' }, body: JSON.stringify({ action: 'updateProfile', data }) })
    ).json();

  it('without consent a phone (or real name) is FAILED_PRECONDITION and nothing is kept; with the current notice accepted it is saved', async () => {
    expect(await update({ phone: NEW_PHONE })).toEqual({ ok: false, error: { code: 'FAILED_PRECONDITION', message: expect.stringContaining('隐私说明') } });
    expect(await update({ realName: '周小林' })).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } });
    expect(await update({ phone: NEW_PHONE, acceptPrivacy: '2020-01' })).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION', message: expect.stringContaining('已更新') } });
    expect(await update({ displayName: '小周' })).toMatchObject({ ok: true, data: { phone: null, realName: null, privacy: null } });

    const saved = await update({ phone: NEW_PHONE, realName: '周小林', acceptPrivacy: PRIVACY_VERSION });
    expect(saved).toMatchObject({ ok: true, data: { phone: NEW_PHONE, realName: '周小林', privacy: { version: PRIVACY_VERSION, acceptedAt: expect.any(String) } } });
    // Once accepted, later changes need no new consent.
    expect(await update({ phone: '13912345679' })).toMatchObject({ ok: true, data: { phone: '13912345679' } });
    // Six calls, six outcome lines: wait for them all before reading what was printed (the bound only ends a broken run).
    for (let waited = 0; (output().match(/"level":"info"/g) ?? []).length < 6 && waited < 30_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    expect((output().match(/"fn":"user","action":"updateProfile"/g) ?? []).length).toBe(6);
    expect(output()).not.toContain(NEW_PHONE);
    expect(output()).not.toContain('13912345679');
  });
});
