import { Emulator } from '../../emulator/app';
import { Doc } from '../../emulator/store/types';
import { call } from '../helpers/app';
import { ACTORS, COMMUNITY, addPeople, okCall, person, unit } from './neighbourhood';

/** What the council tests share: a building of households, a body over it, topics taken to a vote, and a movable clock. */

export const COMMITTEE = ACTORS.committee;
export const DAY = 24 * 3600_000;

/** A fresh building of `households` rooms with `perHousehold` bound residents each; returns their openids by household. */
export async function addHouseholds(emulator: Emulator, buildingId: string, households: number, perHousehold = 1, gridId = 'demo-grid-1'): Promise<string[][]> {
  await emulator.db.insert('units', [unit(buildingId, 'building', `${buildingId}楼`, gridId, COMMUNITY)]);
  const byHousehold = Array.from({ length: households }, (_, h) => Array.from({ length: perHousehold }, (_, p) => `${buildingId}-r${h + 1}-p${p + 1}`));
  await addPeople(
    emulator,
    byHousehold.flatMap((members, h) => members.map((openid) => person(openid, { buildingId, gridId, communityId: COMMUNITY, room: String(1000 + h) }))),
  );
  return byHousehold;
}

/** A working committee whose scope is the given buildings. */
export async function addBody(emulator: Emulator, buildingIds: string[], name = '楼道自治会'): Promise<string> {
  const body = await okCall(emulator, COMMITTEE, 'council', 'saveBody', {
    communityId: COMMUNITY,
    parentId: null,
    kind: 'workingCommittee',
    name,
    scope: { kind: 'buildings', ids: buildingIds },
    convener: null,
    members: [],
  });
  return body.id;
}

export async function proposeTopic(emulator: Emulator, bodyId: string, as: string, title = '楼道堆物清理'): Promise<string> {
  const topic = await okCall(emulator, as, 'council', 'propose', { bodyId, title, content: '楼道里堆了很多杂物，存在消防隐患，建议统一清理。' });
  return topic.id;
}

/** Proposed, supported by the first `threshold` households, accepted by the committee. */
export async function acceptedTopic(emulator: Emulator, bodyId: string, households: string[][]): Promise<string> {
  const topicId = await proposeTopic(emulator, bodyId, households[0][0]);
  const { threshold } = (await okCall(emulator, COMMITTEE, 'council', 'topic', { topicId })).topic;
  for (const members of households.slice(0, threshold)) await okCall(emulator, members[0], 'council', 'support', { topicId });
  await okCall(emulator, COMMITTEE, 'council', 'screen', { topicId, decision: 'accept' });
  return topicId;
}

export async function openHouseholdVote(emulator: Emulator, topicId: string, extra: Record<string, unknown> = {}): Promise<string> {
  const vote = await okCall(emulator, COMMITTEE, 'council', 'openVote', {
    topicId,
    question: '是否同意统一清理楼道堆物？',
    options: ['同意', '不同意', '弃权'],
    maxChoices: 1,
    unit: 'household',
    days: 3,
    ...extra,
  });
  return vote.id;
}

/**
 * The fake clock: functions read the real time, so moving "now" forward by `ms` moves every stored
 * instant of the document back by `ms` instead; to the rules it is the same.
 */
export async function age(emulator: Emulator, collection: string, id: string, fields: string[], ms: number): Promise<void> {
  const [doc] = emulator.db.find(collection, { _id: id });
  const set: Doc = {};
  for (const f of fields) if (doc[f] instanceof Date) set[f] = new Date((doc[f] as Date).getTime() - ms);
  await emulator.db.update(collection, { _id: id }, { $set: set }, { multi: false, merge: true, upsert: false });
}

export const runJobs = (emulator: Emulator) => emulator.host.fireTimer('council', 'jobs');

/** Answers that are final: anything else (a killed call, INTERNAL) the client sends again with the same key. */
const FINAL = new Set(['CONFLICT', 'PERMISSION_DENIED', 'FAILED_PRECONDITION', 'INVALID_ARGUMENT', 'NOT_FOUND']);

/** Calls like the mini-program does on a bad network: again, with the same idempotency key, until a final answer. */
export async function callUntilAnswered(emulator: Emulator, openid: string, action: string, data: unknown, key?: string): Promise<any> {
  for (let attempt = 1; ; attempt++) {
    // A call the loaded machine never answered (the client's own timeout) is resent like any other.
    const res = await call(emulator, openid, 'council', action, data, key).catch(() => null);
    if (res?.ok === true || FINAL.has(res?.error?.code) || attempt >= 30) return res;
    await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
  }
}

/**
 * Reads every collection as raw documents: a document with a choice in it is a ballot, in
 * `council_ballots`, holding only its four fields (no voter, no room, a random id); the roll says
 * who voted and how (online or paper), never what. `voters` and `rooms` must appear in no ballot.
 */
export function expectNoBallotLinksAVoter(emulator: Emulator, voters: Iterable<string>, rooms: Iterable<string>): void {
  const who = [...voters];
  const roomSet = new Set(rooms);
  for (const name of emulator.db.collectionNames()) {
    for (const doc of emulator.db.find(name, {}, { limit: 5000 })) {
      if (!('choices' in doc || 'choice' in doc)) continue;
      expect(name).toBe('council_ballots');
      expect(Object.keys(doc).sort()).toEqual(['_id', 'choices', 'day', 'voteId']);
      const text = JSON.stringify(doc);
      for (const v of who) expect(text).not.toContain(v);
      expect(doc.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      // Random, not time-ordered: the id does not begin with a time near now, as generated ids do.
      expect(Math.abs(parseInt(String(doc._id).slice(0, 12), 16) - Date.now())).toBeGreaterThan(DAY);
      expect(roomSet.has(String(doc.room))).toBe(false);
    }
  }
  for (const entry of emulator.db.find('council_roll', {}, { limit: 5000 })) {
    expect(Object.keys(entry).sort()).toEqual(['_id', 'castKey', 'channel', 'enteredBy', 'household', 'voteId', 'voted', 'voterKey']);
  }
}
