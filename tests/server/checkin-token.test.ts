import { DEV_CHECKIN_SECRET, TOKEN_TTL_MS, checkinSecret, mintCheckinToken, verifyCheckinToken } from '../../server/checkin-token';

/** The live check-in code: short enough to scan at arm's length, bound to its activity and shift, dead in 30 s. */

const SECRET = 'a-long-random-secret-for-the-tests';
const ISSUED = new Date('2026-11-07T01:30:00.400Z');
const later = (ms: number) => new Date(ISSUED.getTime() + ms);
const mint = (activityId = 'act-reading-club', shift = 0, issuedAt = ISSUED) => mintCheckinToken({ activityId, shift, issuedAt }, SECRET);
const verify = (token: string, activityId = 'act-reading-club', now = later(5_000), secret = SECRET) => verifyCheckinToken(token, activityId, now, secret);

describe('the check-in token', () => {
  it('is 32 URL-safe characters, expiring 30 s after the second it was issued in', () => {
    const { token, expiresAt } = mint('0196f3a2c4e1b7d9a0c3e5f7a9b1c3d5e7f90a1b');
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(expiresAt.toISOString()).toBe('2026-11-07T01:30:30.000Z');
  });

  it('scanned within 30 s it is good, and says which shift it is for', () => {
    expect(verify(mint().token, 'act-reading-club', later(29_000))).toEqual({ ok: true, shift: 0, issuedAt: new Date('2026-11-07T01:30:00Z') });
    expect(verify(mint('act-market', 3).token, 'act-market')).toMatchObject({ ok: true, shift: 3 });
  });

  it('31 s old it has expired; a screenshot forwarded to someone at home is useless', () => {
    expect(verify(mint().token, 'act-reading-club', later(31_000))).toEqual({ ok: false, problem: 'expired' });
    expect(TOKEN_TTL_MS).toBe(30_000);
  });

  it('a token from well in the future (a clock far off) is not accepted either', () => {
    expect(verify(mint().token, 'act-reading-club', later(-10_000))).toEqual({ ok: false, problem: 'expired' });
  });

  it("activity A's genuine code scanned at activity B is another activity's, not a forgery", () => {
    expect(verify(mint('act-A').token, 'act-B')).toEqual({ ok: false, problem: 'otherActivity' });
  });

  it('any changed character, a different secret, or a padded or cut copy is a forgery', () => {
    const { token } = mint();
    const flipped = (i: number) => token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
    for (let i = 0; i < token.length; i++) expect(verify(flipped(i))).toEqual({ ok: false, problem: 'forged' });
    expect(verify(token, 'act-reading-club', later(5_000), 'another-secret-of-some-length')).toEqual({ ok: false, problem: 'forged' });
    for (const garbled of [`${token}A`, token.slice(0, 31), '', 'https://example.invalid/?t=1', token.replace(/./, '+')]) {
      expect(verify(garbled)).toEqual({ ok: false, problem: 'forged' });
    }
  });

  it('moving a genuine token to another shift or time by rewriting its bytes breaks the MAC', () => {
    const bytes = Buffer.from(mint('act-market', 1).token, 'base64url');
    bytes[7] = 2;
    expect(verify(bytes.toString('base64url'), 'act-market')).toEqual({ ok: false, problem: 'forged' });
    const fresh = Buffer.from(mint('act-market', 1).token, 'base64url');
    fresh.writeUInt32BE(fresh.readUInt32BE(8) + 60, 8);
    expect(verify(fresh.toString('base64url'), 'act-market', later(65_000))).toEqual({ ok: false, problem: 'forged' });
  });
});

describe('the secret', () => {
  const saved = process.env.YOULIN_CHECKIN_SECRET;
  afterEach(() => {
    if (saved === undefined) delete process.env.YOULIN_CHECKIN_SECRET;
    else process.env.YOULIN_CHECKIN_SECRET = saved;
  });

  it('comes from YOULIN_CHECKIN_SECRET; only when that is unset or empty does the development default apply', () => {
    process.env.YOULIN_CHECKIN_SECRET = '';
    expect(checkinSecret()).toBe(DEV_CHECKIN_SECRET);
    process.env.YOULIN_CHECKIN_SECRET = SECRET;
    expect(checkinSecret()).toBe(SECRET);
  });

  it('a configured secret shorter than 16 characters is refused rather than used', () => {
    process.env.YOULIN_CHECKIN_SECRET = 'short';
    expect(() => checkinSecret()).toThrow(/at least 16/);
  });
});
