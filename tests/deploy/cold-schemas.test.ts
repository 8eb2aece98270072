import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../helpers/emulator';

const run = promisify(execFile);
const FUNCTIONS = fs.readdirSync(path.join(ROOT, 'cloudfunctions')).filter((name) => fs.existsSync(path.join(ROOT, 'cloudfunctions', name, 'src', 'index.ts')));

/**
 * Requires a built function in a fresh process and makes the given calls, counting the zod schemas
 * and checks built so far after each (every one defines its `_zod` on creation; errors are left out).
 */
async function schemasBuilt(fn: string, calls: { action: string; data: unknown }[]): Promise<{ afterRequire: number; afterEach: { built: number; code: string }[] }> {
  const probe = `
    const made = [];
    const define = Object.defineProperty;
    Object.defineProperty = function (target, key, descriptor) {
      if (key === '_zod') made.push(target);
      return define.call(this, target, key, descriptor);
    };
    const built = () => made.filter((m) => !(m instanceof Error)).length;
    const { main } = require(${JSON.stringify(path.join(ROOT, 'cloudfunctions', fn, 'index.js'))});
    const afterRequire = built();
    (async () => {
      const afterEach = [];
      for (const call of ${JSON.stringify(calls)}) {
        const answer = await main(call);
        afterEach.push({ built: built(), code: answer.ok ? 'OK' : answer.error.code });
      }
      console.log(JSON.stringify({ afterRequire, afterEach }));
    })();
  `;
  // The caller as the platform gives it; the calls below are refused before any database request.
  const env = { ...process.env, TENCENTCLOUD_SECRETID: 'x', TENCENTCLOUD_SECRETKEY: 'x', SCF_NAMESPACE: 'test', SILENCE: 'true', WX_CONTEXT_KEYS: 'WX_OPENID', WX_OPENID: 'o-cold-start' };
  const { stdout } = await run(process.execPath, ['-e', probe], { cwd: ROOT, env });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '');
}

/**
 * A cold instance builds only what its first call needs (domain/zod.ts): requiring a function builds
 * none of its contract's or the domain's schemas, and each action's are built on its first call, once.
 */
describe('a cold start builds no schema until a call needs it', () => {
  it.each(FUNCTIONS)(
    'requiring %s builds no schema at all',
    async (fn) => {
      expect((await schemasBuilt(fn, [])).afterRequire).toBe(0);
    },
    60_000,
  );

  it("council's first vote call builds the vote's schemas once; castVote's wait for castVote's first call; an unknown action builds nothing", async () => {
    const { afterRequire, afterEach } = await schemasBuilt('council', [
      { action: 'vote', data: { voteId: { $ne: null } } },
      { action: 'vote', data: { voteId: { $ne: null } } },
      { action: 'castVote', data: { voteId: 'vote-1', choices: 'all of them' } },
      { action: 'castVote', data: { voteId: 'vote-1', choices: [] } },
      { action: 'noSuchAction', data: {} },
    ]);
    const [vote, voteAgain, castVote, castVoteAgain, unknown] = afterEach;
    expect(afterEach.map((a) => a.code)).toEqual(['INVALID_ARGUMENT', 'INVALID_ARGUMENT', 'INVALID_ARGUMENT', 'INVALID_ARGUMENT', 'INVALID_ARGUMENT']);
    expect(vote.built).toBeGreaterThan(afterRequire);
    expect(voteAgain.built).toBe(vote.built);
    expect(castVote.built).toBeGreaterThan(voteAgain.built);
    expect(castVoteAgain.built).toBe(castVote.built);
    expect(unknown.built).toBe(castVote.built);
  }, 60_000);
});
