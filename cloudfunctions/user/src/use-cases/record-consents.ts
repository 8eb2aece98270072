import { z } from 'zod/mini';
import { userContract } from '../../../../domain/contract/user';
import { NOTICE_KINDS } from '../../../../domain/notifications';
import { RequestContext } from '../../../../server/kit/router';
import { addConsent } from '../../../../server/repositories/subscriptions';
import { TEMPLATES } from '../../../../server/subscription-templates';

type Input = z.infer<typeof userContract.recordConsents.input>;

/**
 * Records what the user answered to wx.requestSubscribeMessage: each 'accept' allows one more
 * message of that kind. 'reject', 'ban' and 'filter' add nothing and, as at WeChat, leave earlier
 * consents alone. Send an idempotency key: a retried report would otherwise count twice.
 */
export async function recordConsents(input: Input, ctx: RequestContext) {
  const accepted = NOTICE_KINDS.filter((kind) => input.results[kind] === 'accept');
  for (const kind of accepted) await addConsent(ctx.openid, kind, TEMPLATES[kind].id, ctx.now);
  return { accepted };
}
