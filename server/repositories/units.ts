import * as z from '../../domain/zod';
import { Unit, UnitKind, unitContactSchema, unitKindSchema } from '../../domain/units';
import { database } from '../kit/cloud';
import { dataOf, docWith, docsByIds, parseDocs, storedPointSchema } from './docs';

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

/** For another repository's aggregation (a lookup): the units of `ids`, read with `parseUnitDocs`. */
export function unitsLookup(ids: string[], as: string): Record<string, unknown> {
  // The lookups' pipelines are written as the stages the SDK's own pipeline builder sends.
  return { from: UNITS, pipeline: [{ $match: { _id: { $in: ids } } }, { $limit: ids.length }], as };
}

/** A unit and, in the same aggregation, what other repositories' lookups join to it (each under its name); null when there is none. */
export async function unitWith(id: string, lookups: Record<string, Record<string, unknown>>): Promise<{ unit: UnitDoc; joined: Record<string, unknown[]> } | null> {
  const read = await docWith(UNITS, unitDocSchema, id, lookups);
  return read && { unit: read.doc, joined: read.joined };
}

export async function getUnit(id: string): Promise<UnitDoc | null> {
  return parseDocs(unitDocSchema, UNITS, dataOf(await units().where({ _id: id }).get()))[0] ?? null;
}

export async function getUnits(ids: string[]): Promise<UnitDoc[]> {
  return docsByIds(UNITS, unitDocSchema, ids);
}

/** Every unit of one community (grids and buildings), at most 1000: a community has tens to a few hundred. */
export async function unitsOfCommunity(communityId: string): Promise<UnitDoc[]> {
  return parseDocs(unitDocSchema, UNITS, dataOf(await units().where({ communityId }).limit(1000).get()));
}

export async function unitsOfKind(kind: UnitKind): Promise<UnitDoc[]> {
  return parseDocs(unitDocSchema, UNITS, dataOf(await units().where({ kind }).limit(1000).get()));
}

export async function insertUnit(doc: UnitDoc): Promise<void> {
  await units().add({ data: doc });
}

export async function updateUnit(id: string, patch: Partial<Pick<UnitDoc, 'name' | 'archived' | 'contact'>>, now: Date): Promise<void> {
  await units()
    .doc(id)
    .update({ data: { ...patch, updatedAt: now } });
}
