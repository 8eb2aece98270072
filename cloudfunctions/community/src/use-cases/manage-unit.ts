import { z } from 'zod/mini';
import { communityContract } from '../../../../domain/contract/community';
import { isAdmin, canManageCommunity } from '../../../../domain/permissions';
import { AppError } from '../../../../domain/result';
import { PARENT_KIND, UNIT_KIND_NAMES, Unit } from '../../../../domain/units';
import { newId } from '../../../../server/kit/ids';
import { RequestContext } from '../../../../server/kit/router';
import { recordAudit } from '../../../../server/repositories/audit-log';
import { UNITS, UnitDoc, getUnit, insertUnit, toUnit, unitWith, updateUnit } from '../../../../server/repositories/units';
import { USERS } from '../../../../server/repositories/users';

type CreateInput = z.infer<typeof communityContract.createUnit.input>;

/** Streets and communities are the admins'; grids and buildings belong to their community's committee. */
function mayManage(ctx: RequestContext, unit: Pick<UnitDoc, 'kind' | 'communityId'>): boolean {
  if (unit.kind === 'street') return isAdmin(ctx.user.roles);
  return canManageCommunity(ctx.user.roles, unit.communityId);
}

export async function createUnit(input: CreateInput, ctx: RequestContext): Promise<Unit> {
  const parentKind = PARENT_KIND[input.kind];
  const parent = input.parentId ? await getUnit(input.parentId) : null;
  if (parentKind && (!parent || parent.kind !== parentKind || parent.archived)) {
    throw new AppError('INVALID_ARGUMENT', `${UNIT_KIND_NAMES[input.kind]}要建在一个${UNIT_KIND_NAMES[parentKind]}下面`);
  }
  const id = newId(ctx.now);
  const communityId = input.kind === 'community' ? id : input.kind === 'street' ? null : (parent?.communityId ?? null);
  const doc: UnitDoc = { _id: id, kind: input.kind, name: input.name, parentId: parent?._id ?? null, communityId, archived: false, createdAt: ctx.now, updatedAt: ctx.now };
  if (input.location) doc.location = input.location;
  // Creating a community is a street-level (admin) act; grids and buildings are the community's.
  const allowed = input.kind === 'community' ? isAdmin(ctx.user.roles) : mayManage(ctx, doc);
  if (!allowed) throw new AppError('PERMISSION_DENIED', `你没有权限新建${UNIT_KIND_NAMES[input.kind]}`);
  await insertUnit(doc);
  await recordAudit({ actor: ctx.openid, action: 'manageUnit', target: id, detail: { change: 'create', kind: input.kind }, at: ctx.now });
  return toUnit(doc);
}

export async function renameUnit(input: { unitId: string; name: string }, ctx: RequestContext): Promise<Unit> {
  const unit = await loadManaged(input.unitId, ctx);
  await updateUnit(unit._id, { name: input.name }, ctx.now);
  await recordAudit({ actor: ctx.openid, action: 'manageUnit', target: unit._id, detail: { change: 'rename' }, at: ctx.now });
  return toUnit({ ...unit, name: input.name });
}

/**
 * Archiving keeps the unit and its history but hides it; only an empty unit can be archived. Three
 * requests: the unit with one live unit under it and one resident in it (one aggregation), the
 * change, and its audit record, which must not be lost with it.
 */
export async function archiveUnit(input: { unitId: string }, ctx: RequestContext): Promise<Unit> {
  const found = await unitWith(input.unitId, {
    liveChildren: { from: UNITS, pipeline: [{ $match: { parentId: input.unitId, archived: false } }, { $limit: 1 }, { $project: { _id: 1 } }] },
    residents: { from: USERS, pipeline: [{ $match: { buildingId: input.unitId } }, { $limit: 1 }, { $project: { _id: 1 } }] },
  });
  const unit = managedOrRefused(found?.unit ?? null, ctx);
  if (unit.kind === 'community' && !isAdmin(ctx.user.roles)) throw new AppError('PERMISSION_DENIED', '居民区只能由街道管理员归档');
  if ((unit.kind === 'grid' || unit.kind === 'community') && found?.joined.liveChildren.length) throw new AppError('FAILED_PRECONDITION', '请先归档下属的网格或楼组');
  if (unit.kind === 'building' && found?.joined.residents.length) throw new AppError('FAILED_PRECONDITION', '楼组里还有居民，不能归档');
  await updateUnit(unit._id, { archived: true }, ctx.now);
  await recordAudit({ actor: ctx.openid, action: 'manageUnit', target: unit._id, detail: { change: 'archive' }, at: ctx.now });
  return toUnit({ ...unit, archived: true });
}

export async function loadManaged(unitId: string, ctx: RequestContext): Promise<UnitDoc> {
  return managedOrRefused(await getUnit(unitId), ctx);
}

function managedOrRefused(unit: UnitDoc | null, ctx: RequestContext): UnitDoc {
  if (!unit) throw new AppError('NOT_FOUND', '没有找到这个单元');
  if (!mayManage(ctx, unit)) throw new AppError('PERMISSION_DENIED', '你没有权限管理这个单元');
  if (unit.archived) throw new AppError('FAILED_PRECONDITION', '这个单元已归档');
  return unit;
}
