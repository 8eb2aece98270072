import * as z from '../../domain/zod';
import { Unit, UnitKind, unitContactSchema, unitKindSchema } from '../../domain/units';
import { database } from '../kit/cloud';
import { Join, dataOf, docWithJoins, docsByIds, parseDocs, storedPointSchema } from './docs';
import type { Lookup } from './docs';

/** The only module that touches `units`: the street → community → grid → building tree. */
export const UNITS = 'units';

const unitDocSchema = z.object({
  _id: z.string(),
  kind: unitKindSchema,
  name: z.string(),
  parentId: z.nullable(z.string()),
  communityId: z.nullable(z.string()),
  location: z.optional(z.nullable(storedPointSchema)),
  /** A community's 居委会 duty phone, a grid's worker on its work phone (domain/units). */
  contact: z.optional(z.nullable(unitContactSchema)),
  archived: z.boolean(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type UnitDoc = z.infer<typeof unitDocSchema>;

const units = () => database().collection(UNITS);

export function toUnit(doc: UnitDoc): Unit {
  const unit: Unit = { id: doc._id, kind: doc.kind, name: doc.name, parentId: doc.parentId, communityId: doc.communityId, archived: doc.archived };
  if (doc.location) unit.location = doc.location;
  if (doc.contact) unit.contact = { name: doc.contact.name, phone: doc.contact.phone };
  return unit;
}

/** Units read by another repository's aggregation (a lookup), checked like any read. */
export function parseUnitDocs(raw: unknown[]): UnitDoc[] {
  return parseDocs(unitDocSchema, UNITS, raw);
}

export async function getUnit(id: string): Promise<UnitDoc | null> {
  return parseDocs(unitDocSchema, UNITS, dataOf(await units().where({ _id: id }).get()))[0] ?? null;
}

/** One unit with what a screen or a check needs beside it, in ONE aggregation (docWithJoins). */
export async function unitWith(id: string, joins: Record<string, Join | Lookup | Record<string, unknown>>): Promise<{ unit: UnitDoc; joined: Record<string, unknown[]> } | null> {
  const found = await docWithJoins(UNITS, unitDocSchema, id, joins);
  return found && { unit: found.doc, joined: found.joined };
}

export async function getUnits(ids: string[]): Promise<UnitDoc[]> {
  return docsByIds(UNITS, unitDocSchema, ids);
}

/** Every unit of one community (grids and buildings), at most 1000: a community has tens to a few hundred. */
export async function unitsOfCommunity(communityId: string): Promise<UnitDoc[]> {
  return parseDocs(unitDocSchema, UNITS, dataOf(await units().where({ communityId }).limit(1000).get()));
}

/** Every unit of these kinds (streets and communities: tens), at most 1000, in one request. */
export async function unitsOfKinds(kinds: UnitKind[]): Promise<UnitDoc[]> {
  return parseDocs(
    unitDocSchema,
    UNITS,
    dataOf(
      await units()
        .where({ kind: database().command.in(kinds) })
        .limit(1000)
        .get(),
    ),
  );
}

export async function insertUnit(doc: UnitDoc): Promise<void> {
  await units().add({ data: doc });
}

export async function updateUnit(id: string, patch: Partial<Pick<UnitDoc, 'name' | 'archived' | 'contact'>>, now: Date): Promise<void> {
  await units()
    .doc(id)
    .update({ data: { ...patch, updatedAt: now } });
}

/** A lookup of the units of a user's place (building, grid, community) and the community's street, for a read with the user. */
export function placeLookup(as: string): Lookup {
  return {
    from: UNITS,
    let: { place: ['$buildingId', '$gridId', '$communityId'] },
    pipeline: [
      { $match: { $expr: { $in: ['$_id', '$$place'] } } },
      { $limit: 3 },
      { $lookup: { from: UNITS, let: { parent: '$parentId' }, pipeline: [{ $match: { $expr: { $eq: ['$_id', '$$parent'] }, kind: 'street' } }, { $limit: 1 }], as: 'above' } },
    ],
    as,
  };
}

/** A lookup of a building, with the grid and community it belongs to. */
export function buildingLookup(buildingId: string, as: string): Lookup {
  return {
    from: UNITS,
    pipeline: [
      { $match: { _id: buildingId } },
      { $limit: 1 },
      { $lookup: { from: UNITS, let: { up: ['$parentId', '$communityId'] }, pipeline: [{ $match: { $expr: { $in: ['$_id', '$$up'] } } }, { $limit: 2 }], as: 'above' } },
    ],
    as,
  };
}

/** For another collection's aggregation: the unit a row names in `field` (its community, say), read with `parseUnitDocs`. */
export function unitLookup(field: string, as: string): Lookup {
  return { from: UNITS, let: { unit: `$${field}` }, pipeline: [{ $match: { $expr: { $eq: ['$_id', '$$unit'] } } }, { $limit: 1 }], as };
}

/** A lookup of units by id (at most a handful), read with `parseUnitDocs`. */
export function unitsLookup(ids: string[], as: string): Lookup {
  return { from: UNITS, pipeline: [{ $match: { _id: { $in: ids } } }, { $limit: ids.length }], as };
}

/** The units a lookup above found, with those its nested lookup (`above`) found, each once. */
export function unitsFound(rows: Record<string, unknown>[]): UnitDoc[] {
  const all = rows.flatMap(({ above, ...unit }) => [unit, ...(Array.isArray(above) ? (above as Record<string, unknown>[]) : [])]);
  return parseUnitDocs(all.filter((u, i) => all.findIndex((o) => o._id === u._id) === i));
}
