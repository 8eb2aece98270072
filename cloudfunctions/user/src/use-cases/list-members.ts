import { z } from 'zod/mini';
import { MAX_PAGE } from '../../../../domain/common';
import { userContract } from '../../../../domain/contract/user';
import { Member, maskPhone } from '../../../../domain/people';
import { canManageCommunity } from '../../../../domain/permissions';
import { AppError } from '../../../../domain/result';
import { RequestContext } from '../../../../server/kit/router';
import { recordAudit } from '../../../../server/repositories/audit-log';
import { decodeCursor, encodeCursor } from '../../../../server/repositories/docs';
import { listMembers as listUsers } from '../../../../server/repositories/users';
import { placeNames } from '../../../../server/places';

type Input = z.infer<typeof userContract.listMembers.input>;

/** The committee's member list by grid or building; phones masked unless asked for, and that is audited. */
export async function listMembers(input: Input, ctx: RequestContext): Promise<{ items: Member[]; nextCursor: string | null }> {
  if (!canManageCommunity(ctx.user.roles, input.communityId)) throw new AppError('PERMISSION_DENIED', '只有本居民区的居委会成员可以查看居民名单');
  const limit = input.limit ?? MAX_PAGE;
  const docs = await listUsers({ communityId: input.communityId, gridId: input.gridId, buildingId: input.buildingId }, decodeCursor(input.cursor), limit + 1);
  const page = docs.slice(0, limit);
  if (input.unmask) {
    await recordAudit({
      actor: ctx.openid,
      action: 'unmaskPhones',
      target: input.buildingId ?? input.gridId ?? input.communityId,
      detail: { communityId: input.communityId, count: page.length },
      at: ctx.now,
    });
  }
  const names = await placeNames(page.flatMap((u) => [u.buildingId, u.gridId]));
  const items = page.map((u) => ({
    openid: u._id,
    displayName: u.displayName,
    realName: u.realName,
    phone: input.unmask ? u.phone : maskPhone(u.phone),
    room: u.room,
    building: u.buildingId ? (names.get(u.buildingId) ?? null) : null,
    grid: u.gridId ? (names.get(u.gridId) ?? null) : null,
    roles: u.roles,
  }));
  return { items, nextCursor: docs.length > limit ? encodeCursor(page[page.length - 1]._id) : null };
}
