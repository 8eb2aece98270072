import { AppError } from '../../domain/result';
import { mintBookingCode, readBookingCode } from '../../server/booking-code';
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

/**
 * The secret fails closed: a deployed function without a real secret (32 characters or more) refuses to
 * sign or check any code, with a message a resident can act on and a config error in the log, instead
 * of falling back to the public development secret anyone could sign with. Only the emulator, which
 * says so with YOULIN_EMULATOR=1 (a variable the cloud never sets), supplies the development secret.
 */
describe('the secret', () => {
  const saved = { secret: process.env.YOULIN_CHECKIN_SECRET, emulator: process.env.YOULIN_EMULATOR };
  let errors: jest.SpyInstance;
  beforeEach(() => {
    delete process.env.YOULIN_EMULATOR;
    errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => {
    errors.mockRestore();
    for (const [key, value] of [
      ['YOULIN_CHECKIN_SECRET', saved.secret],
      ['YOULIN_EMULATOR', saved.emulator],
    ] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });
  const signAndCheck = [
    ['signing a check-in code', () => mintCheckinToken({ activityId: 'act-1', shift: 0, issuedAt: ISSUED })],
    ['checking a check-in code', () => verifyCheckinToken(mint().token, 'act-reading-club', later(1000))],
    ['signing a booking code', () => mintBookingCode('0123456789abcdef01')],
    ['checking a booking code', () => readBookingCode('A'.repeat(30))],
  ] as const;

  it.each(signAndCheck)('in the cloud with no secret configured, %s is refused with FAILED_PRECONDITION and a logged config error', (_what, run) => {
    for (const configured of [undefined, '', 'only-twenty-chars-xx', DEV_CHECKIN_SECRET]) {
      if (configured === undefined) delete process.env.YOULIN_CHECKIN_SECRET;
      else process.env.YOULIN_CHECKIN_SECRET = configured;
      errors.mockClear();
      let thrown: unknown;
      try {
        run();
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(AppError);
      expect(thrown).toMatchObject({ code: 'FAILED_PRECONDITION', message: expect.stringMatching(/签到码和预约码暂时无法使用.*居委会/) });
      expect(errors).toHaveBeenCalledWith(expect.stringContaining('"config":"YOULIN_CHECKIN_SECRET"'));
      // The log names the setting, never its value.
      if (configured) expect(errors).not.toHaveBeenCalledWith(expect.stringContaining(configured));
    }
  });

  it('a real secret of 32 characters or more is used as it is', () => {
    process.env.YOULIN_CHECKIN_SECRET = 'k'.repeat(32);
    expect(checkinSecret()).toBe('k'.repeat(32));
    expect(readBookingCode(mintBookingCode('0123456789abcdef01'))).toBe('0123456789abcdef01');
  });

  it('on the emulator (YOULIN_EMULATOR=1) an empty secret means the development secret; a short one is still refused', () => {
    process.env.YOULIN_EMULATOR = '1';
    process.env.YOULIN_CHECKIN_SECRET = '';
    expect(checkinSecret()).toBe(DEV_CHECKIN_SECRET);
    delete process.env.YOULIN_CHECKIN_SECRET;
    expect(checkinSecret()).toBe(DEV_CHECKIN_SECRET);
    process.env.YOULIN_CHECKIN_SECRET = 'short';
    expect(() => checkinSecret()).toThrow(expect.objectContaining({ code: 'FAILED_PRECONDITION' }));
  });
});
