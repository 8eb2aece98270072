/**
 * Consent to subscription messages. `askConsent(kinds)` shows WeChat's 订阅消息 dialog for up to 3
 * notice kinds and reports the answers with `user.recordConsents`; the functions send a message only
 * while a consent of its kind remains. Call it synchronously inside a tap handler (WeChat refuses
 * wx.requestSubscribeMessage without a user gesture), before the handler awaits anything.
 *
 * In local mode the emulator stands for WeChat's side, so the same answers also go, by template id,
 * to its `/emulator/consents`. Nothing here throws: a refused or failed request means no consent.
 */
import { ActionInput } from '../../generated/domain';
import { SUBSCRIPTION_TEMPLATE_IDS } from '../../generated/subscription-templates';
import { callApi } from '../api/api';
import { apiTarget } from '../api/config';
import { newIdempotencyKey } from '../api/idempotency';
import { CALL_TIMEOUT_MS } from '../api/transport';

export type ConsentAnswers = ActionInput<'user', 'recordConsents'>['results'];
export type NoticeKind = keyof ConsentAnswers;
type ConsentResult = NonNullable<ConsentAnswers[NoticeKind]>;

/** wx.requestSubscribeMessage takes at most 3 templates a call. */
export const MAX_KINDS_PER_ASK = 3;
const RESULTS: readonly string[] = ['accept', 'reject', 'ban', 'filter'];

/** The answers WeChat gave, by template id, mapped back to kinds; anything else is left out. */
function answersFrom(kinds: readonly NoticeKind[], res: Record<string, unknown>): ConsentAnswers {
  const answers: ConsentAnswers = {};
  for (const kind of kinds) {
    const value = res[SUBSCRIPTION_TEMPLATE_IDS[kind]];
    if (typeof value === 'string' && RESULTS.includes(value)) answers[kind] = value as ConsentResult;
  }
  return answers;
}

/** Shows the dialog; resolves with the per-id answers, or null when the request failed. */
function requestSubscribe(tmplIds: string[]): Promise<Record<string, unknown> | null> {
  return new Promise((resolve) => {
    try {
      wx.requestSubscribeMessage({
        tmplIds,
        success: (res) => resolve(res as unknown as Record<string, unknown>),
        fail: () => resolve(null),
      });
    } catch {
      resolve(null);
    }
  });
}

/** The emulator's stand-in for WeChat's record of the answers (local mode only). */
function tellEmulator(baseUrl: string, openid: string, results: Record<string, string>): Promise<void> {
  return new Promise((resolve) => {
    try {
      wx.request({
        url: `${baseUrl}/emulator/consents`,
        method: 'POST',
        data: { openid, results },
        header: { 'content-type': 'application/json' },
        dataType: 'json',
        timeout: CALL_TIMEOUT_MS,
        success: () => resolve(),
        fail: () => resolve(),
      });
    } catch {
      resolve();
    }
  });
}

/**
 * Asks the user to allow one message of each of `kinds` (the first 3, duplicates dropped), reports
 * the answers and resolves with the kinds accepted (reject, ban and filter are no consent).
 */
export function askConsent(kinds: readonly NoticeKind[]): Promise<NoticeKind[]> {
  const asked = kinds.filter((k, i) => kinds.indexOf(k) === i && typeof SUBSCRIPTION_TEMPLATE_IDS[k] === 'string').slice(0, MAX_KINDS_PER_ASK);
  if (asked.length === 0) return Promise.resolve([]);
  // Synchronously, while the tap's gesture still counts.
  const answered = requestSubscribe(asked.map((k) => SUBSCRIPTION_TEMPLATE_IDS[k]));
  return answered
    .then(async (res) => {
      if (!res) return [];
      const answers = answersFrom(asked, res);
      const answeredKinds = asked.filter((k) => answers[k] !== undefined);
      if (answeredKinds.length === 0) return [];
      const reports: Promise<unknown>[] = [callApi('user', 'recordConsents', { results: answers }, { idempotencyKey: newIdempotencyKey() })];
      const target = await apiTarget();
      if (target.mode === 'local') {
        const byId: Record<string, string> = {};
        for (const k of answeredKinds) byId[SUBSCRIPTION_TEMPLATE_IDS[k]] = answers[k] as string;
        reports.push(tellEmulator(target.baseUrl, target.openid, byId));
      }
      await Promise.all(reports);
      return answeredKinds.filter((k) => answers[k] === 'accept');
    })
    .catch(() => []);
}
