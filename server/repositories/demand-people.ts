import { z } from 'zod/mini';
import { database } from '../kit/cloud';
import { pendingNoticeSchema } from './demand-outbox';
import { dataOf, parseDocs, personalRead } from './docs';
import { DEMANDS, DemandDoc, demandDocSchema, demands } from './demands';

/**
 * A person's demands for their rights over their data: what the export shows and what deleting the
 * account changes. Shares the `demands` collection with demands.ts.
 */
/** With the messages still waiting to be sent (demand-outbox.ts): an erasure takes the person out of them too. */
const withOutboxSchema = z.extend(demandDocSchema, { outbox: z.optional(z.array(pendingNoticeSchema)) });

async function demandsNaming<T extends z.ZodMiniType>(schema: T, openid: string, limit: number): Promise<z.infer<T>[]> {
  const _ = database().command;
  const res = await demands()
    .where(_.or([{ followers: openid }, { handler: openid }]))
    .orderBy('createdAt', 'desc')
    .limit(limit)
    .get();
  return parseDocs(schema, DEMANDS, dataOf(res));
}

/** A person's demands (reported, entered, followed or handled), newest first, at most `limit`: for their export. */
export async function demandsOfPerson(openid: string, limit: number): Promise<DemandDoc[]> {
  return demandsNaming(demandDocSchema, openid, limit);
}

/**
 * An account's end: the person's demands stay on the ledger and in the rates (the street is judged
 * on them), with the person replaced by `pseudonym` and their name by 已注销用户 everywhere in the
 * demand, its timeline included; one demand at a time, at most `limit`.
 */
export async function pseudonymiseDemandsOf(openid: string, pseudonym: string, limit: number): Promise<number> {
  const _ = database().command;
  const gone = '已注销用户';
  const swap = <T extends string | null>(id: T) => (id === openid ? pseudonym : id);
  const docs = await demandsNaming(withOutboxSchema, openid, limit);
  for (const d of docs) {
    await demands()
      .doc(d._id)
      .update({
        data: {
          reporter: swap(d.reporter),
          reporterName: d.reporter === openid ? gone : d.reporterName,
          enteredBy: swap(d.enteredBy),
          enteredByName: d.enteredBy === openid ? gone : d.enteredByName,
          handler: swap(d.handler),
          handlerName: d.handler === openid ? gone : d.handlerName,
          followers: _.set(d.followers.map(swap)),
          meToo: _.set(d.meToo.map(swap)),
          timeline: _.set(d.timeline.map((e) => (e.actor === openid ? { ...e, actor: pseudonym, actorName: gone } : e))),
          // A message waiting for them is not sent to anyone else: it is dropped.
          ...(d.outbox?.length ? { outbox: _.set(d.outbox.map((m) => ({ ...m, to: m.to.filter((o) => o !== openid) }))) } : {}),
          version: _.inc(1),
        },
      });
  }
  return docs.length;
}

/** demandsOfPerson's read, for the person's export (PersonalRead). */
export const demandsOfPersonRead = (openid: string, limit: number) => personalRead(DEMANDS, demandDocSchema, { $or: [{ followers: openid }, { handler: openid }] }, limit, 'createdAt');
