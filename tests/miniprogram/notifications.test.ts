/**
 * `askConsent` with `wx` stubbed: the dialog's per-id answers go back to kinds, are reported to the
 * app (and, in local mode, to the emulator standing for WeChat), and nothing WeChat does throws.
 */
import path from 'node:path';
import { TEMPLATES } from '../../server/subscription-templates';
import type { NoticeKind } from '../../domain/notifications';
import { MINIPROGRAM_ROOT } from './simulate';
import { wxStorage } from './emulator-phone';

type AskConsent = (kinds: readonly NoticeKind[]) => Promise<NoticeKind[]>;

/** The module as the mini-program loads it (its TypeScript sees `wx`, which the Node project must not). */
function loadAskConsent(): AskConsent {
  let mod: { askConsent: AskConsent } | undefined;
  jest.isolateModules(() => {
    mod = require(path.join(MINIPROGRAM_ROOT, 'services', 'notifications', 'notifications'));
  });
  if (!mod) throw new Error('services/notifications/notifications did not load');
  return mod.askConsent;
}

interface RequestOptions {
  url: string;
  data: any;
  header: Record<string, string>;
  success(res: { statusCode: number; data: unknown }): void;
  fail(err: { errMsg: string }): void;
}
interface SubscribeOptions {
  tmplIds: string[];
  success(res: Record<string, string>): void;
  fail(err: { errMsg: string }): void;
}

const g = globalThis as { wx?: unknown };
let request: jest.Mock<void, [RequestOptions]>;

/** A phone in local mode whose dialog answers with `answer` and whose app accepts every report. */
function phone(requestSubscribeMessage: (o: SubscribeOptions) => void): jest.Mock<void, [SubscribeOptions]> {
  request = jest.fn((o: RequestOptions) => {
    if (o.url.endsWith('/emulator/consents')) return o.success({ statusCode: 200, data: { errMsg: 'requestSubscribeMessage:ok' } });
    const results: Record<string, string> = o.data.data.results;
    o.success({ statusCode: 200, data: { ok: true, data: { accepted: Object.keys(results).filter((k) => results[k] === 'accept') } } });
  });
  const ask = jest.fn(requestSubscribeMessage);
  const storage: Record<string, unknown> = { 'youlin.openid': 'demo-resident-2' };
  g.wx = { request, requestSubscribeMessage: ask, ...wxStorage(storage) };
  return ask;
}

const answering = (answers: Record<string, string>) => (o: SubscribeOptions) => o.success({ errMsg: 'requestSubscribeMessage:ok', ...answers });

let askConsent: AskConsent;
beforeEach(() => {
  askConsent = loadAskConsent();
});
afterEach(() => {
  delete g.wx;
});

test('asks for the kinds by template id; accept is consent, reject and ban are not; both halves hear every answer', async () => {
  const ask = phone(answering({ [TEMPLATES.signupApproved.id]: 'accept', [TEMPLATES.signupRejected.id]: 'reject', [TEMPLATES.promoted.id]: 'ban' }));

  const pending = askConsent(['signupApproved', 'signupRejected', 'promoted']);
  // The dialog is asked synchronously, while the tap's gesture counts.
  expect(ask).toHaveBeenCalledTimes(1);
  expect(ask.mock.calls[0][0].tmplIds).toEqual([TEMPLATES.signupApproved.id, TEMPLATES.signupRejected.id, TEMPLATES.promoted.id]);
  expect(await pending).toEqual(['signupApproved']);

  const toApp = request.mock.calls.map((c) => c[0]).find((o) => o.url.endsWith('/functions/user'));
  expect(toApp?.data).toMatchObject({ action: 'recordConsents', data: { results: { signupApproved: 'accept', signupRejected: 'reject', promoted: 'ban' } } });
  expect(toApp?.data.idempotencyKey).toEqual(expect.any(String));
  const toWeChat = request.mock.calls.map((c) => c[0]).find((o) => o.url.endsWith('/emulator/consents'));
  expect(toWeChat?.data).toEqual({
    openid: 'demo-resident-2',
    results: { [TEMPLATES.signupApproved.id]: 'accept', [TEMPLATES.signupRejected.id]: 'reject', [TEMPLATES.promoted.id]: 'ban' },
  });
});

test('at most 3 kinds a dialog', async () => {
  const ask = phone(answering({}));
  await askConsent(['signupApproved', 'signupRejected', 'promoted', 'activityCancelled']);
  expect(ask.mock.calls[0][0].tmplIds).toHaveLength(3);
});

test('a failing wx.requestSubscribeMessage is no consent and reports nothing', async () => {
  phone((o) => o.fail({ errMsg: 'requestSubscribeMessage:fail can only be invoked by user TAP gesture.' }));
  await expect(askConsent(['signupApproved'])).resolves.toEqual([]);
  expect(request).not.toHaveBeenCalled();
});

test('a wx.requestSubscribeMessage that throws, or is missing, does not throw', async () => {
  phone(() => {
    throw new Error('not supported');
  });
  await expect(askConsent(['signupApproved', 'promoted'])).resolves.toEqual([]);
  g.wx = { request: jest.fn(), ...wxStorage({}) };
  await expect(askConsent(['signupApproved'])).resolves.toEqual([]);
});

test("a report that fails to arrive does not throw: the answer is still the user's", async () => {
  phone(answering({ [TEMPLATES.promoted.id]: 'accept' }));
  request.mockImplementation((o: RequestOptions) => o.fail({ errMsg: 'request:fail socket closed' }));
  await expect(askConsent(['promoted'])).resolves.toEqual(['promoted']);
});
