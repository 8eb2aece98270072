import crypto from 'node:crypto';
import { Collection } from './collection';
import { keyOf } from './indexes';
import { Doc, StoreError, isDoc } from './types';
import { applyReplacement, applyUpdate, isOperatorUpdate } from './update';
import { cloneValue, valuesEqual } from './values';

/*
 * What insert, update and remove would change, worked out against the committed documents as a
 * transaction sees them (its staged writes over the collection). Nothing is applied here: the
 * database stages the changes in the transaction or commits them.
 */

/** One document's new state (null = removed): the unit that is staged, committed and journaled. */
export interface Change {
  collection: string;
  id: string;
  doc: Doc | null;
}

/** A transaction's staged writes to one collection (id key → new document, null = removed). */
type Staged = Map<string, Doc | null> | undefined;

export interface UpdateOptions {
  multi: boolean;
  merge: boolean;
  upsert: boolean;
}

export function planInsert(collection: Collection, docs: Doc[], staged: Staged): Change[] {
  const name = collection.name;
  const batch = new Set<string>();
  return docs.map((input) => {
    const doc = cloneValue(input);
    if (doc._id === undefined) doc._id = newId();
    const id = keyOf(doc._id);
    const existing = staged?.has(id) ? staged.get(id) : collection.get(id)?.doc;
    if (existing || batch.has(id)) throw duplicateId(name, doc._id);
    batch.add(id);
    return { collection: name, id, doc };
  });
}

/** What an update would write; `matched` also lists the documents it matched but left as they were. */
export function planUpdate(collection: Collection, query: Doc, data: Doc, options: UpdateOptions, staged: Staged): { changes: Change[]; matched: Doc[]; upsertedId?: unknown } {
  const name = collection.name;
  const operators = options.merge && isOperatorUpdate(data);
  const change = (doc: Doc): Doc => (options.merge ? applyUpdate(doc, operators ? data : { $set: data }, { query }) : applyReplacement(doc, data));
  const matched = collection.select(query, undefined, staged).docs;
  const targets = options.multi ? matched : matched.slice(0, 1);
  const changes: Change[] = [];
  for (const doc of targets) {
    const next = change(doc);
    if (!valuesEqual(next, doc)) changes.push({ collection: name, id: keyOf(doc._id), doc: next });
  }
  let upsertedId: unknown;
  if (targets.length === 0 && options.upsert) {
    const seed: Doc = {};
    for (const [k, v] of Object.entries(query)) if (!k.startsWith('$') && !isDoc(v)) seed[k] = cloneValue(v);
    if (seed._id === undefined) seed._id = newId();
    const doc = options.merge ? applyUpdate(seed, operators ? data : { $set: data }, { query, isInsert: true }) : { _id: seed._id, ...applyReplacement(seed, data) };
    upsertedId = doc._id;
    changes.push({ collection: name, id: keyOf(doc._id), doc });
  }
  return { changes, matched: targets, upsertedId };
}

export function planRemove(collection: Collection, query: Doc, multi: boolean, staged: Staged): Change[] {
  const matched = collection.select(query, undefined, staged).docs;
  const targets = multi ? matched : matched.slice(0, 1);
  return targets.map((doc) => ({ collection: collection.name, id: keyOf(doc._id), doc: null }));
}

export function duplicateId(collection: string, id: unknown): StoreError {
  return new StoreError('DATABASE_DUPLICATE_WRITE', `E11000 duplicate key error collection: ${collection} index: _id_ dup key: { _id: ${JSON.stringify(id)} }`);
}

function newId(): string {
  // CloudBase ids are 32 hex characters; a time prefix keeps them roughly in creation order.
  return Date.now().toString(16).padStart(12, '0') + crypto.randomBytes(10).toString('hex');
}
