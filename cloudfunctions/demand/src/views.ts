import { DemandAccess, DemandFacts, DemandViewer, accessOf, movesOf } from '../../../domain/demands/access';
import { Demand, LedgerLine, TimelineEntry } from '../../../domain/demands/model';
import { maskPhone } from '../../../domain/people';
import { canSeePhone } from '../../../domain/permissions';
import { DemandDoc, TimelineDoc } from '../../../server/repositories/demands';
import { UserDoc } from '../../../server/repositories/users';

/** Who the caller is to the rules. */
export const viewerOf = (user: UserDoc): DemandViewer => ({
  openid: user._id,
  roles: user.roles,
  communityId: user.communityId,
  gridId: user.gridId,
  buildingId: user.buildingId,
});

export const factsOf = (d: DemandDoc): DemandFacts => ({
  communityId: d.communityId,
  gridId: d.gridId,
  kind: d.kind,
  deadlineClass: d.deadlineClass,
  state: d.state,
  level: d.level,
  reporter: d.reporter,
  enteredBy: d.enteredBy,
  handler: d.handler,
  meToo: d.meToo,
  reopenedAt: d.reopenedAt,
  extended: d.extended,
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function entryView(e: TimelineDoc, access: DemandAccess): TimelineEntry {
  const people = access === 'full' || (access === 'neighbour' && e.actorKind === 'handler');
  return {
    at: e.at.toISOString(),
    action: e.action,
    actor: { kind: e.actorKind, displayName: people ? e.actorName : null, openid: access === 'full' ? e.actor : null },
    level: e.level,
    toLevel: e.toLevel,
    note: access === 'full' || access === 'neighbour' ? e.note : null,
    photos: access === 'full' || access === 'neighbour' ? e.photos : [],
    missed: e.missed,
  };
}

/** The deadline a miss missed: the last of that level and kind that had passed when it was recorded. */
export function missedDeadline(d: DemandDoc, m: DemandDoc['misses'][number]): Date {
  const candidates = d.deadlines.filter((x) => x.level === m.level && x.kind === m.deadline && x.dueAt.getTime() <= m.at.getTime());
  return candidates.length ? candidates[candidates.length - 1].dueAt : m.at;
}

/** Whether the demand is late now: its running deadline passed, or its level already missed one. */
export function isOverdue(d: DemandDoc, now: Date): boolean {
  if (!d.open) return false;
  if (d.clock === 'deadline' && d.dueAt.getTime() <= now.getTime()) return true;
  return d.clock === 'idle' && d.misses.some((m) => m.level === d.level);
}

/**
 * A demand as one viewer may see it (domain/demands/access.ts): the caller of a list or `get` must
 * have some access. `reporterPhone` is read only for `get`, and shown in full only to the committee.
 */
export function demandView(d: DemandDoc, viewer: DemandViewer, now: Date, options: { timeline?: boolean; reporterPhone?: string | null } = {}): Demand {
  const access = accessOf(viewer, factsOf(d));
  const full = access === 'full';
  const content = full || access === 'neighbour';
  const phone = options.reporterPhone ?? null;
  return {
    id: d._id,
    communityId: d.communityId,
    kind: d.kind,
    category: { id: d.categoryId, name: d.categoryName },
    deadlineClass: d.deadlineClass,
    text: content ? d.text : null,
    photos: content ? d.photos : [],
    building: d.buildingId ? { id: d.buildingId, name: d.buildingName ?? '' } : null,
    grid: { id: d.gridId, name: d.gridName },
    location: full ? d.location : null,
    urgent: d.urgent,
    anonymous: d.anonymous,
    channel: d.channel,
    state: d.state,
    level: d.level,
    reporter: full
      ? { openid: d.reporter, displayName: d.reporterName, phone: canSeePhone(viewer.openid, viewer.roles, { openid: d.reporter, communityId: d.communityId }) ? phone : maskPhone(phone) }
      : null,
    enteredBy: full && d.enteredBy ? { openid: d.enteredBy, displayName: d.enteredByName ?? '' } : null,
    handler: full && d.handler ? { openid: d.handler, displayName: d.handlerName ?? '' } : null,
    dueAt: d.clock === 'idle' ? null : d.dueAt.toISOString(),
    dueKind: d.clock === 'deadline' ? d.dueKind : d.clock === 'confirm' ? 'confirm' : d.clock === 'review' ? 'review' : null,
    overdue: isOverdue(d, now),
    misses: d.misses.map((m) => ({ level: m.level, deadline: m.deadline, dueAt: missedDeadline(d, m).toISOString(), at: m.at.toISOString() })),
    reopenedAt: d.reopenedAt,
    extended: d.extended,
    parked: d.parked,
    rejectedReason: content ? d.rejectedReason : null,
    duplicateOf: d.duplicateOf,
    rating: full ? d.rating : null,
    closedHow: d.closedHow,
    meTooCount: d.meTooCount,
    meToo: d.meToo.includes(viewer.openid),
    mine: d.reporter === viewer.openid || d.enteredBy === viewer.openid,
    createdAt: d.createdAt.toISOString(),
    acceptedAt: iso(d.acceptedAt),
    resolvedAt: iso(d.resolvedAt),
    closedAt: iso(d.closedAt),
    timeline: options.timeline ? d.timeline.map((e) => entryView(e, access)) : [],
    can: movesOf(viewer, factsOf(d)),
  };
}

/** A ledger line: no text, no names. On time: null while nothing was missed and it is still running. */
export function ledgerLine(d: DemandDoc): LedgerLine {
  const missed = d.misses.length > 0;
  const finished = d.state === 'closed' || d.state === 'resolved' || d.state === 'rejected';
  return {
    id: d._id,
    kind: d.kind,
    category: d.categoryName,
    building: d.buildingName,
    grid: d.gridName,
    state: d.state,
    level: d.level,
    createdAt: d.createdAt.toISOString(),
    acceptedAt: iso(d.acceptedAt),
    resolvedAt: iso(d.resolvedAt),
    closedAt: iso(d.closedAt),
    onTime: missed ? false : finished ? true : null,
    parked: d.parked,
    meTooCount: d.meTooCount,
  };
}
