import { z } from 'zod/mini';
import { SlotTemplate, eligibilitySchema, isElderly, slotStamp, slotStarts } from '../../domain/services';
import { database } from '../kit/cloud';
import { isDuplicateWrite } from '../kit/errors';
import { BOOKINGS, BookingDoc, parseBookingDocs } from './bookings';
import { dataOf, docWithJoins, parseDocs, updatedOne } from './docs';
import type { ServiceItemDoc } from './service-items';
import type { ServicePointDoc } from './service-points';

/**
 * The only module that touches `service_slots`: one small document per dated slot of an item, with
 * its own counters: `booked` (live and completed bookings holding a place) and `seatsLeft`
 * (capacity − booked, kept beside it so "a place is left" is a plain comparison a conditional update
 * can test). Both always move together in ONE conditional update, which CloudBase applies atomically
 * to the one document: a slot is never overbooked, with no transaction.
 *
 * A slot's id is deterministic (`<itemId>-<YYYYMMDD>-<HHmm>`, Shanghai time), so generating the
 * same weeks twice creates nothing new. What a booking needs to decide (the item's eligibility,
 * cut-off, provider, point) is copied onto the slot when it is generated.
 */
export const SERVICE_SLOTS = 'service_slots';

export const serviceSlotDocSchema = z.object({
  _id: z.string(),
  itemId: z.string(),
  communityId: z.string(),
  partnerId: z.string(),
  servicePointId: z.string(),
  itemName: z.string(),
  placeText: z.string(),
  eligibility: eligibilitySchema,
  cancelCutoffHours: z.number(),
  startAt: z.date(),
  endAt: z.date(),
  capacity: z.number(),
  booked: z.number(),
  seatsLeft: z.number(),
  status: z.enum(['open', 'cancelled']),
  cancelReason: z.nullable(z.string()),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type ServiceSlotDoc = z.infer<typeof serviceSlotDocSchema>;

const slotIdOf = (itemId: string, startAt: Date) => `${itemId}-${slotStamp(startAt)}`;

/** The ids of the dated slots `templates` make for an item over the next `weeks` (those of slotDocsFor). */
export function slotIdsFor(itemId: string, templates: SlotTemplate[], weeks: number, now: Date): string[] {
  return templates.flatMap((template) => slotStarts(template, now, weeks).map((startAt) => slotIdOf(itemId, startAt)));
}

/**
 * The dated slots of `item` for its weekly `templates` over the next `weeks`. Ids are the item and
 * its Shanghai start (`<itemId>-<YYYYMMDD>-<HHmm>`), so generating again never makes a slot twice.
 */
export function slotDocsFor(
  item: Pick<ServiceItemDoc, '_id' | 'communityId' | 'partnerId' | 'servicePointId' | 'name' | 'eligibility' | 'cancelCutoffHours' | 'durationMinutes'>,
  point: Pick<ServicePointDoc, 'name' | 'address'> | null,
  templates: SlotTemplate[],
  weeks: number,
  now: Date,
): ServiceSlotDoc[] {
  return templates.flatMap((template) =>
    slotStarts(template, now, weeks).map((startAt) => ({
      _id: slotIdOf(item._id, startAt),
      itemId: item._id,
      communityId: item.communityId,
      partnerId: item.partnerId,
      servicePointId: item.servicePointId,
      itemName: item.name,
      placeText: point ? `${point.name}（${point.address}）` : '',
      eligibility: item.eligibility,
      cancelCutoffHours: item.cancelCutoffHours,
      startAt,
      endAt: new Date(startAt.getTime() + item.durationMinutes * 60_000),
      capacity: template.capacity,
      booked: 0,
      seatsLeft: template.capacity,
      status: 'open' as const,
      cancelReason: null,
      createdAt: now,
      updatedAt: now,
    })),
  );
}

const slots = () => database().collection(SERVICE_SLOTS);
const parse = (res: unknown) => remember(parseDocs(serviceSlotDocSchema, SERVICE_SLOTS, dataOf(res)));

/** What a booking copies from its slot: fixed when the slot is generated, never changed after. */
export type SlotFacts = Pick<ServiceSlotDoc, '_id' | 'itemId' | 'communityId' | 'partnerId' | 'itemName' | 'placeText' | 'startAt' | 'endAt' | 'cancelCutoffHours'>;
/** Enough for the slots a busy instance has shown lately; the oldest go first. */
const MAX_KNOWN_SLOTS = 5000;
const known = new Map<string, SlotFacts>();

/**
 * A warm instance remembers the fixed facts of every slot it has read (the item page lists them
 * before a resident books one), so a booking need not read its slot again. Only what never changes
 * is kept: whether the slot is open, started, full or open to this person is always decided by the
 * database, in the conditional take.
 */
function remember(docs: ServiceSlotDoc[]): ServiceSlotDoc[] {
  for (const d of docs) {
    known.delete(d._id);
    known.set(d._id, {
      _id: d._id,
      itemId: d.itemId,
      communityId: d.communityId,
      partnerId: d.partnerId,
      itemName: d.itemName,
      placeText: d.placeText,
      startAt: d.startAt,
      endAt: d.endAt,
      cancelCutoffHours: d.cancelCutoffHours,
    });
    if (known.size > MAX_KNOWN_SLOTS) known.delete(known.keys().next().value as string);
  }
  return docs;
}

/** Slots read by another repository's aggregation (a lookup), checked (and remembered) like any read. */
export function parseSlotDocs(raw: unknown[]): ServiceSlotDoc[] {
  return parse({ data: raw });
}

/** The fixed facts of a slot this instance has read before, or null. */
export function knownSlot(id: string): SlotFacts | null {
  return known.get(id) ?? null;
}

export async function getSlot(id: string): Promise<ServiceSlotDoc | null> {
  return parse(await slots().where({ _id: id }).get())[0] ?? null;
}

/**
 * Writes new slots, 100 a request; a slot another generation wrote meanwhile is skipped (its id is
 * taken), so two generations at once still make each slot once. Answers how many were written.
 */
export async function insertSlots(docs: ServiceSlotDoc[]): Promise<number> {
  let written = 0;
  for (let i = 0; i < docs.length; i += 100) {
    const batch = docs.slice(i, i + 100);
    try {
      await slots().add({ data: batch });
      written += batch.length;
    } catch (error) {
      if (!isDuplicateWrite(error)) throw error;
      for (const doc of batch) {
        try {
          await slots().add({ data: doc });
          written++;
        } catch (e) {
          if (!isDuplicateWrite(e)) throw e;
        }
      }
    }
  }
  return written;
}

/** Who is booking, for the eligibility part of the take. */
export interface Booker {
  communityId: string | null;
  gridId: string | null;
  birthYear: number | null;
}

/** The eligibilities that let `person` book (as `eligibilityProblem` decides). */
function eligibilityConditions(person: Booker, now: Date): Record<string, unknown>[] {
  const ok: Record<string, unknown>[] = [{ 'eligibility.kind': 'everyone' }];
  if (person.communityId) {
    if (isElderly(person.birthYear, now)) ok.push({ communityId: person.communityId, 'eligibility.kind': 'elderly' });
    if (person.gridId) ok.push({ communityId: person.communityId, 'eligibility.kind': 'grids', 'eligibility.ids': person.gridId });
  }
  return ok;
}

/**
 * Takes one place in ONE conditional update: it matches only a slot that is open, not started, has
 * a place left and is open to this person; it then moves both counters. False when any of that is
 * not so (the caller reads the slot to tell which).
 */
export async function takeSlotPlace(slotId: string, person: Booker, now: Date): Promise<boolean> {
  const _ = database().command;
  const res = await slots()
    .where(_.and([{ _id: slotId, status: 'open', startAt: _.gt(now), seatsLeft: _.gte(1) }, _.or(eligibilityConditions(person, now))]))
    .update({ data: { booked: _.inc(1), seatsLeft: _.inc(-1), updatedAt: now } });
  return updatedOne(res);
}

/** Gives one place back (a cancelled booking, or a take whose booking could not be written). */
export async function giveBackSlotPlace(slotId: string, now: Date): Promise<void> {
  const _ = database().command;
  await slots()
    .where({ _id: slotId, booked: _.gte(1) })
    .update({ data: { booked: _.inc(-1), seatsLeft: _.inc(1), updatedAt: now } });
}

/**
 * Cancels an open slot that has not ended (no more bookings), only if `by` may: a provider of one of
 * its units or a manager of its community (`communityIds` 'any' for an admin). False when any of that
 * is not so; the caller reads the slot to tell which.
 */
export async function cancelSlotIf(slotId: string, by: { partnerIds: string[]; communityIds: string[] | 'any' }, reason: string, now: Date): Promise<boolean> {
  const _ = database().command;
  const base = { _id: slotId, status: 'open', endAt: _.gt(now) };
  const where = by.communityIds === 'any' ? base : _.and([base, _.or([{ partnerId: _.in(by.partnerIds) }, { communityId: _.in(by.communityIds) }])]);
  return updatedOne(
    await slots()
      .where(where)
      .update({ data: { status: 'cancelled', cancelReason: reason, updatedAt: now } }),
  );
}

/** A slot with its live bookings (a slot holds at most 500), in one aggregation; null when there is no such slot. */
export async function slotWithLiveBookings(slotId: string): Promise<{ slot: ServiceSlotDoc; live: BookingDoc[] } | null> {
  const found = await docWithJoins(SERVICE_SLOTS, serviceSlotDocSchema, slotId, { live: { from: BOOKINGS, pipeline: [{ $match: { slotId, status: 'booked' } }, { $limit: 1000 }] } });
  return found && { slot: remember([found.doc])[0], live: parseBookingDocs(found.joined.live) };
}

/**
 * Open slots whose counters moved in [from, to), and those of `alsoIds` that have not moved since
 * `to`, the least recently moved first: for the reconciler.
 */
export async function slotsChangedBetween(from: Date, to: Date, limit: number, alsoIds: string[] = []): Promise<ServiceSlotDoc[]> {
  const _ = database().command;
  const moved = { status: 'open', updatedAt: _.and(_.gte(from), _.lt(to)) };
  const where = alsoIds.length > 0 ? _.or([moved, { _id: _.in(alsoIds), status: 'open', updatedAt: _.lt(to) }]) : moved;
  return parse(await slots().where(where).orderBy('updatedAt', 'asc').limit(limit).get());
}

/**
 * Sets a slot's counters to `booked` places taken, only if they have not moved since it was read
 * (`seen`): a take or give-back in between wins, and the next run looks again.
 */
export async function correctSlotCounters(seen: ServiceSlotDoc, booked: number, now: Date): Promise<boolean> {
  const res = await slots()
    .where({ _id: seen._id, booked: seen.booked, updatedAt: seen.updatedAt })
    .update({ data: { booked, seatsLeft: Math.max(0, seen.capacity - booked), updatedAt: now } });
  return updatedOne(res);
}
