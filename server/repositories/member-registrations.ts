import crypto from 'node:crypto';
import { z } from 'zod/mini';
import { postSchema, registrationStateSchema } from '../../domain/members/model';
import { database } from '../kit/cloud';
import { Tx } from '../kit/transaction';
import { dataOf, docById, docsByIds, parseDocs, readInTransaction, setWhole } from './docs';

/** The only module that touches `member_registrations`: one per person per community (报到), kept after review. */
export const MEMBER_REGISTRATIONS = 'member_registrations';

export const registrationDocSchema = z.object({
  _id: z.string(),
  openid: z.string(),
  communityId: z.string(),
  displayName: z.string(),
  workUnit: z.string(),
  branch: z.string(),
  contactName: z.string(),
  contactPhone: z.string(),
  skills: z.array(z.string()),
  serveTimes: z.array(z.string()),
  state: registrationStateSchema,
  reason: z.nullable(z.string()),
  teamId: z.nullable(z.string()),
  teamName: z.nullable(z.string()),
  post: z.nullable(postSchema),
  createdAt: z.date(),
  reviewDueAt: z.date(),
  overdue: z.boolean(),
  reviewedAt: z.nullable(z.date()),
  updatedAt: z.date(),
});
export type RegistrationDoc = z.infer<typeof registrationDocSchema>;

const registrations = () => database().collection(MEMBER_REGISTRATIONS);
const parse = (res: unknown) => parseDocs(registrationDocSchema, MEMBER_REGISTRATIONS, dataOf(res));

/** A person's registration id in a community: registering again overwrites the same document. */
export const registrationIdOf = (communityId: string, openid: string) => crypto.createHash('sha256').update(`registration|${communityId}|${openid}`).digest('hex').slice(0, 32);

export const getRegistration = (id: string) => docById(MEMBER_REGISTRATIONS, registrationDocSchema, id);
/** The registrations of members of a community (each once): who the proofs are from. */
export const registrationsOfMembers = (communityId: string, openids: readonly string[]) =>
  docsByIds(
    MEMBER_REGISTRATIONS,
    registrationDocSchema,
    openids.map((o) => registrationIdOf(communityId, o)),
  );
export const getRegistrationInTransaction = (tx: Tx, id: string) => readInTransaction(tx, MEMBER_REGISTRATIONS, id, registrationDocSchema);

export async function saveRegistrationInTransaction(tx: Tx, doc: RegistrationDoc): Promise<void> {
  const { _id, ...rest } = doc;
  await tx.collection(MEMBER_REGISTRATIONS).doc(_id).set({ data: rest });
}

export async function updateRegistrationInTransaction(tx: Tx, id: string, patch: Partial<Omit<RegistrationDoc, '_id'>>): Promise<void> {
  await tx
    .collection(MEMBER_REGISTRATIONS)
    .doc(id)
    .update({ data: setWhole(patch) });
}

/** A community's registrations in a state, oldest first, after `afterId`. */
export async function registrationsOf(communityId: string, state: RegistrationDoc['state'], afterId: string | null, limit: number): Promise<RegistrationDoc[]> {
  const _ = database().command;
  const where: Record<string, unknown> = { communityId, state };
  if (afterId) where._id = _.gt(afterId);
  return parse(await registrations().where(where).orderBy('_id', 'asc').limit(limit).get());
}

/** Every approved member of a community, in pages of 1000 (the server SDK's most a read). */
export async function approvedMembers(communityId: string): Promise<RegistrationDoc[]> {
  const out: RegistrationDoc[] = [];
  for (let after: string | null = null; ;) {
    const page = await registrationsOf(communityId, 'approved', after, 1000);
    out.push(...page);
    if (page.length < 1000) return out;
    after = page[page.length - 1]._id;
  }
}

/** Pending registrations whose 7 days have passed and are not flagged yet are flagged; answers how many. */
export async function flagOverdueReviews(now: Date): Promise<number> {
  const _ = database().command;
  const res: unknown = await registrations()
    .where({ state: 'pending', overdue: false, reviewDueAt: _.lte(now) })
    .update({ data: { overdue: true, updatedAt: now } });
  const stats = typeof res === 'object' && res !== null && 'stats' in res ? (res.stats as { updated?: number }) : {};
  return stats.updated ?? 0;
}
