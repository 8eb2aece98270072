import { z } from 'zod/mini';
import { serviceContract } from '../../../../domain/contract/service';
import { canManageCommunity } from '../../../../domain/permissions';
import { AppError } from '../../../../domain/result';
import { ServiceItem, ServicePoint } from '../../../../domain/services';
import { newId } from '../../../../server/kit/ids';
import { RequestContext } from '../../../../server/kit/router';
import { PARTNERS, parsePartnerDocs } from '../../../../server/repositories/partners';
import { ServiceItemDoc, insertServiceItem, partnerItemsJoin, readItems, setServiceItemSchedule, summed } from '../../../../server/repositories/service-items';
import { SERVICE_POINTS, ServicePointDoc, insertServicePoint, parsePointDocs } from '../../../../server/repositories/service-points';
import { insertSlots, slotDocsFor, slotIdsFor } from '../../../../server/repositories/service-slots';
import { Join } from '../../../../server/repositories/docs';
import { unitWith } from '../../../../server/repositories/units';
import { toItem, toPoint } from '../views';

type PointInput = z.infer<typeof serviceContract.createPoint.input>;
type ItemInput = z.infer<typeof serviceContract.createItem.input>;
type ScheduleInput = z.infer<typeof serviceContract.setSchedule.input>;

/** Weeks of dated slots generated when none is given. */
export const DEFAULT_WEEKS = 4;

/**
 * The community, if the caller manages it and it is live, with the partner and point an item names
 * beside it: one aggregation.
 */
async function checkManagedCommunity(communityId: string, ctx: RequestContext, what: string, names: { partnerId?: string; servicePointId?: string } = {}) {
  if (!canManageCommunity(ctx.user.roles, communityId)) throw new AppError('PERMISSION_DENIED', `只有本居民区的居委会成员可以${what}`);
  const joins: Record<string, Join> = {};
  if (names.partnerId) {
    joins.partners = { from: PARTNERS, pipeline: [{ $match: { _id: names.partnerId } }, { $limit: 1 }] };
    joins.partnerItems = partnerItemsJoin(names.partnerId);
  }
  if (names.servicePointId) joins.points = { from: SERVICE_POINTS, pipeline: [{ $match: { _id: names.servicePointId } }, { $limit: 1 }] };
  const found = await unitWith(communityId, joins);
  if (!found || found.unit.kind !== 'community' || found.unit.archived) throw new AppError('NOT_FOUND', '没有找到这个居民区');
  return { partner: parsePartnerDocs(found.joined.partners ?? [])[0], partnerRating: summed(found.joined.partnerItems ?? []), point: parsePointDocs(found.joined.points ?? [])[0] };
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
  const { partner, partnerRating, point } = await checkManagedCommunity(input.communityId, ctx, '发布服务', input.fields);
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
  return toItem(doc, partner, partnerRating, point);
}

/**
 * Sets an item's weekly templates and generates its dated slots for the next `weeks` weeks. A slot's
 * id is the item and its Shanghai start (`<itemId>-<YYYYMMDD>-<HHmm>`), so running it again (or two
 * managers at once) creates each slot once; slots already there keep their bookings and capacity.
 * Three requests: the item with its provider, point and the slots already there (one aggregation),
 * the new slots (one insert of up to 100), the item's templates. Two collections are written, and
 * what the slots copy from the item must be read before either.
 */
export async function setSchedule(input: ScheduleInput, ctx: RequestContext): Promise<{ item: ServiceItem; generated: number; existing: number }> {
  const weeks = input.weeks ?? DEFAULT_WEEKS;
  const ids = slotIdsFor(input.itemId, input.templates, weeks, ctx.now);
  const [found] = await readItems({ _id: input.itemId, status: 'active' }, { limit: 1, slots: { match: { _id: { $in: ids } }, limit: Math.max(1, ids.length), idsOnly: true } });
  if (!found) throw new AppError('NOT_FOUND', '没有找到这项服务');
  const { item, partner, partnerRating, point } = found;
  if (!canManageCommunity(ctx.user.roles, item.communityId)) throw new AppError('PERMISSION_DENIED', '只有本居民区的居委会成员可以安排服务时段');
  const keys = input.templates.map((t) => `${t.weekday}|${t.startTime}`);
  if (new Set(keys).size !== keys.length) throw new AppError('INVALID_ARGUMENT', '每周时段有重复');
  const existing = new Set(found.slotIds);
  const drafts = slotDocsFor(item, point ?? null, input.templates, weeks, ctx.now).filter((d) => !existing.has(d._id));
  const generated = await insertSlots(drafts);
  const schedule = input.templates.map((t) => ({ weekday: t.weekday, startTime: t.startTime, capacity: t.capacity }));
  await setServiceItemSchedule(item._id, schedule, ctx.now);
  return { item: toItem({ ...item, schedule }, partner, partnerRating, point), generated, existing: ids.length - generated };
}
