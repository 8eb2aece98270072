import { z } from 'zod/mini';
import { memberContract } from '../../../../domain/contract/member';
import { RequestContext } from '../../../../server/kit/router';
import { decodeCursor, encodeCursor } from '../../../../server/repositories/docs';
import { claimsInState } from '../../../../server/repositories/member-claims';
import { registrationsOfMembers } from '../../../../server/repositories/member-registrations';
import { wishesInState } from '../../../../server/repositories/member-tasks';
import { requireCommittee } from '../access';
import { toClaim, toTask } from '../views';

type C = typeof memberContract;
type In<A extends keyof C> = z.infer<C[A]['input']>;

/** 微心愿 residents posted that the committee has not published or declined yet, oldest first. */
export async function wishesToVet(input: In<'wishesToVet'>, ctx: RequestContext) {
  requireCommittee(ctx, input.communityId);
  const limit = input.limit ?? 20;
  const page = await wishesInState(input.communityId, 'vetting', decodeCursor(input.cursor), limit + 1);
  return { items: page.slice(0, limit).map((t) => toTask(t, ctx)), nextCursor: page.length > limit ? encodeCursor(page[limit - 1]._id) : null };
}

/** Service submitted for verification, oldest first, each with the member's name and work unit (one read for the page). */
export async function proofsToVerify(input: In<'proofsToVerify'>, ctx: RequestContext) {
  requireCommittee(ctx, input.communityId);
  const limit = input.limit ?? 20;
  const page = await claimsInState(input.communityId, 'submitted', decodeCursor(input.cursor), limit + 1);
  const shown = page.slice(0, limit);
  const regs = new Map(
    (
      await registrationsOfMembers(
        input.communityId,
        shown.map((c) => c.openid),
      )
    ).map((r) => [r.openid, r]),
  );
  return {
    items: shown.map((c) => ({ claim: toClaim(c), memberName: regs.get(c.openid)?.displayName ?? '党员', workUnit: regs.get(c.openid)?.workUnit ?? null })),
    nextCursor: page.length > limit ? encodeCursor(page[limit - 1]._id) : null,
  };
}
