import { z } from 'zod/mini';
import { serviceContract } from '../../../../domain/contract/service';
import { canManageCommunity } from '../../../../domain/permissions';
import { AppError } from '../../../../domain/result';
import { ServiceItem, ServicePoint } from '../../../../domain/services';
import { newId } from '../../../../server/kit/ids';
import { RequestContext } from '../../../../server/kit/router';
import { getPartner } from '../../../../server/repositories/partners';
import { ServiceItemDoc, getServiceItem, insertServiceItem, setServiceItemSchedule } from '../../../../server/repositories/service-items';
import { ServicePointDoc, getServicePoint, insertServicePoint } from '../../../../server/repositories/service-points';
import { existingSlotIds, insertSlots, slotDocsFor } from '../../../../server/repositories/service-slots';
import { getUnit } from '../../../../server/repositories/units';
import { toItem, toPoint } from '../views';

type PointInput = z.infer<typeof serviceContract.createPoint.input>;
type ItemInput = z.infer<typeof serviceContract.createItem.input>;
type ScheduleInput = z.infer<typeof serviceContract.setSchedule.input>;

/** Weeks of dated slots generated when none is given. */
export const DEFAULT_WEEKS = 4;

async function checkManagedCommunity(communityId: string, ctx: RequestContext, what: string): Promise<void> {
  if (!canManageCommunity(ctx.user.roles, communityId)) throw new AppError('PERMISSION_DENIED', `只有本居民区的居委会成员可以${what}`);
  const community = await getUnit(communityId);
  if (!community || community.kind !== 'community' || community.archived) throw new AppError('NOT_FOUND', '没有找到这个居民区');
}

/** Committee members of the community (and admins) add service points. */
export async function createPoint(input: PointInput, ctx: RequestContext): Promise<ServicePoint> {
  await checkManagedCommunity(input.communityId, ctx, '设立服务点');
  const doc: ServicePointDoc = { _id: newId(ctx.now), communityId: input.communityId, ...input.fields, createdBy: ctx.openid, createdAt: ctx.now, updatedAt: ctx.now };
  await insertServicePoint(doc);
  return toPoint(doc);
}

/** Committee members (and admins) add a service item offered by a co-building unit of the community at one of its points. */
export async function createItem(input: ItemInput, ctx: RequestContext): Promise<ServiceItem> {
  await checkManagedCommunity(input.communityId, ctx, '发布服务');
  const [partner, point] = await Promise.all([getPartner(input.fields.partnerId), getServicePoint(input.fields.servicePointId)]);
  if (!partner || partner.communityId !== input.communityId) throw new AppError('NOT_FOUND', '没有找到本居民区的这个共建单位');
  if (!point || point.communityId !== input.communityId) throw new AppError('NOT_FOUND', '没有找到本居民区的这个服务点');
  const doc: ServiceItemDoc = {
    _id: newId(ctx.now),
    communityId: input.communityId,
    ...input.fields,
    schedule: [],
    ratingSum: 0,
    ratingCount: 0,
    status: 'active',
    createdBy: ctx.openid,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
  await insertServiceItem(doc);
  return toItem(doc, partner, point);
}

/**
 * Sets an item's weekly templates and generates its dated slots for the next `weeks` weeks. A slot's
 * id is the item and its Shanghai start (`<itemId>-<YYYYMMDD>-<HHmm>`), so running it again (or two
 * managers at once) creates each slot once; slots already there keep their bookings and capacity.
 */
export async function setSchedule(input: ScheduleInput, ctx: RequestContext): Promise<{ item: ServiceItem; generated: number; existing: number }> {
  const item = await getServiceItem(input.itemId);
  if (!item || item.status !== 'active') throw new AppError('NOT_FOUND', '没有找到这项服务');
  if (!canManageCommunity(ctx.user.roles, item.communityId)) throw new AppError('PERMISSION_DENIED', '只有本居民区的居委会成员可以安排服务时段');
  const keys = input.templates.map((t) => `${t.weekday}|${t.startTime}`);
  if (new Set(keys).size !== keys.length) throw new AppError('INVALID_ARGUMENT', '每周时段有重复');
  const [partner, point] = await Promise.all([getPartner(item.partnerId), getServicePoint(item.servicePointId)]);
  const weeks = input.weeks ?? DEFAULT_WEEKS;
  const drafts = new Map(slotDocsFor(item, point, input.templates, weeks, ctx.now).map((d) => [d._id, d]));
  const ids = [...drafts.keys()];
  const existing = new Set<string>();
  for (let i = 0; i < ids.length; i += 100) for (const id of await existingSlotIds(ids.slice(i, i + 100))) existing.add(id);
  const generated = await insertSlots(ids.filter((id) => !existing.has(id)).flatMap((id) => drafts.get(id) ?? []));
  const schedule = input.templates.map((t) => ({ weekday: t.weekday, startTime: t.startTime, capacity: t.capacity }));
  await setServiceItemSchedule(item._id, schedule, ctx.now);
  return { item: toItem({ ...item, schedule }, partner ?? undefined, point ?? undefined), generated, existing: ids.length - generated };
}
