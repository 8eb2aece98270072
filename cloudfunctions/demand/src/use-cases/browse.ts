import { z } from 'zod/mini';
import { demandContract } from '../../../../domain/contract/demand';
import { accessOf, isGridWorkerOf } from '../../../../domain/demands/access';
import { Demand, LedgerLine } from '../../../../domain/demands/model';
import { MAX_PAGE } from '../../../../domain/common';
import { canManageCommunity, isAdmin } from '../../../../domain/permissions';
import { AppError } from '../../../../domain/result';
import { RequestContext } from '../../../../server/kit/router';
import { decodePositionCursor, encodePositionCursor } from '../../../../server/repositories/docs';
import { DemandDoc, demandsFollowedBy, getDemand, inboxOf, ledgerOf } from '../../../../server/repositories/demands';
import { getUnit } from '../../../../server/repositories/units';
import { getUser } from '../../../../server/repositories/users';
import { demandView, factsOf, ledgerLine, viewerOf } from '../views';

type In<A extends keyof typeof demandContract> = z.infer<(typeof demandContract)[A]['input']>;
type Page<T> = { items: T[]; nextCursor: string | null };

function paged<T>(docs: DemandDoc[], limit: number, time: (d: DemandDoc) => Date, view: (d: DemandDoc) => T): Page<T> {
  const more = docs.length > limit;
  const page = docs.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page.map(view), nextCursor: more && last ? encodePositionCursor({ time: time(last), id: last._id }) : null };
}

/** 我的诉求: what I reported, what was entered for me or by me, what I said 我也遇到 to. */
export async function mine(input: In<'mine'>, ctx: RequestContext): Promise<Page<Demand>> {
  const limit = input.limit ?? MAX_PAGE;
  const docs = await demandsFollowedBy(ctx.openid, input.open, decodePositionCursor(input.cursor), limit + 1);
  const viewer = viewerOf(ctx.user);
  return paged(
    docs,
    limit,
    (d) => d.createdAt,
    (d) => demandView(d, viewer, ctx.now),
  );
}

/** One demand with its timeline, as this viewer may see it; others have the public ledger. */
export async function get(input: In<'get'>, ctx: RequestContext): Promise<Demand> {
  const doc = await getDemand(input.demandId);
  if (!doc) throw new AppError('NOT_FOUND', '没有找到这件诉求');
  const viewer = viewerOf(ctx.user);
  const access = accessOf(viewer, factsOf(doc));
  if (access === 'none') throw new AppError('PERMISSION_DENIED', '你没有权限查看这件诉求，可以在楼组台账查看办理情况');
  const reporterPhone = access === 'full' && doc.reporter !== ctx.openid ? ((await getUser(doc.reporter))?.phone ?? null) : null;
  return demandView(doc, viewer, ctx.now, { timeline: true, reporterPhone });
}

/** 网格工作台: the open demands at a level of the caller's grid, community or street, earliest deadline (overdue) first. */
export async function inbox(input: In<'inbox'>, ctx: RequestContext): Promise<Page<Demand>> {
  const roles = ctx.user.roles;
  let scope: { gridId?: string; communityId?: string };
  if (input.scope === 'grid') {
    const grid = input.gridId ? await getUnit(input.gridId) : null;
    if (!grid || grid.kind !== 'grid' || !grid.communityId) throw new AppError('INVALID_ARGUMENT', '请选择你的网格');
    if (!isGridWorkerOf(roles, grid.communityId, grid._id) && !canManageCommunity(roles, grid.communityId)) throw new AppError('PERMISSION_DENIED', '只有本网格的网格员或居委会可以查看');
    scope = { gridId: grid._id };
  } else if (input.scope === 'community') {
    if (!input.communityId || !canManageCommunity(roles, input.communityId)) throw new AppError('PERMISSION_DENIED', '只有本居民区的居委会可以查看');
    scope = { communityId: input.communityId, ...(input.gridId ? { gridId: input.gridId } : {}) };
  } else {
    if (!isAdmin(roles)) throw new AppError('PERMISSION_DENIED', '只有街道管理员可以查看');
    scope = input.communityId ? { communityId: input.communityId } : {};
  }
  const limit = input.limit ?? MAX_PAGE;
  const docs = await inboxOf(scope, input.level ?? input.scope, decodePositionCursor(input.cursor), limit + 1);
  const viewer = viewerOf(ctx.user);
  return paged(
    docs,
    limit,
    (d) => d.dueAt,
    (d) => demandView(d, viewer, ctx.now),
  );
}

/** The public ledger of a building or a grid, for the community's people: no text, no names. */
export async function ledger(input: In<'ledger'>, ctx: RequestContext): Promise<Page<LedgerLine>> {
  const unitId = input.buildingId ?? input.gridId!;
  const unit = await getUnit(unitId);
  const kind = input.buildingId ? 'building' : 'grid';
  if (!unit || unit.kind !== kind || !unit.communityId) throw new AppError('NOT_FOUND', kind === 'building' ? '没有找到这个楼组' : '没有找到这个网格');
  const ofCommunity = ctx.user.communityId === unit.communityId || ctx.user.roles.some((r) => r.role === 'admin' || r.communityId === unit.communityId);
  if (!ofCommunity) throw new AppError('PERMISSION_DENIED', '台账只对本居民区的居民开放');
  const limit = input.limit ?? MAX_PAGE;
  const docs = await ledgerOf(input.buildingId ? { buildingId: unitId } : { gridId: unitId }, decodePositionCursor(input.cursor), limit + 1);
  return paged(docs, limit, (d) => d.createdAt, ledgerLine);
}
