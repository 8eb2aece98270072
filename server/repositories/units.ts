import { z } from 'zod/mini';
import { Unit, UnitKind, unitContactSchema, unitKindSchema } from '../../domain/units';
import { database } from '../kit/cloud';
import { Join, dataOf, docWithJoins, docsByIds, parseDocs, storedPointSchema } from './docs';

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
export async function unitWith(id: string, joins: Record<string, Join>): Promise<{ unit: UnitDoc; joined: Record<string, unknown[]> } | null> {
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

export async function updateUnit(id: string, patch: Partial<Pick<UnitDoc, 'name' | 'archived'>>, now: Date): Promise<void> {
  await units()
    .doc(id)
    .update({ data: { ...patch, updatedAt: now } });
}
