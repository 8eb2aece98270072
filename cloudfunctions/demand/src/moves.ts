import { MOVE_REFUSALS, MOVE_RULES, NOT_YOURS, handlesLevel } from '../../../domain/demands/access';
import { DemandMove, Level, TimelineAction } from '../../../domain/demands/model';
import { DemandNotice, DemandNoticeKind } from '../../../domain/notifications';
import { AppError } from '../../../domain/result';
import { RequestContext } from '../../../server/kit/router';
import { PendingNotice } from '../../../server/repositories/demand-outbox';
import { DemandDoc, DemandPatch, TimelineDoc, changeDemand, getDemand } from '../../../server/repositories/demands';
import { notifyDemands } from '../../../server/notifications';
import { factsOf, viewerOf } from './views';

/**
 * What every move on a demand shares: read it, ask the rules whether this caller may make this move
 * now, write the change with its timeline entry on the version read, and tell whom it concerns.
 */
export async function demandForMove(demandId: string, move: DemandMove, ctx: RequestContext): Promise<DemandDoc> {
  return checkedForMove(await getDemand(demandId), move, ctx);
}

/** A demand already read (or null when there is none), checked as demandForMove checks it. */
export function checkedForMove(doc: DemandDoc | null, move: DemandMove, ctx: RequestContext): DemandDoc {
  if (!doc) throw new AppError('NOT_FOUND', '没有找到这件诉求');
  const viewer = viewerOf(ctx.user);
  const facts = factsOf(doc);
  if (!MOVE_RULES[move].who(viewer, facts)) throw new AppError('PERMISSION_DENIED', NOT_YOURS);
  if (!MOVE_RULES[move].when(facts)) throw new AppError('FAILED_PRECONDITION', MOVE_REFUSALS[move]);
  return doc;
}

/** A timeline entry by the caller: the reporter's side or a handler's. */
export function entryBy(ctx: RequestContext, doc: DemandDoc, action: TimelineAction, extra: Partial<TimelineDoc> = {}): TimelineDoc {
  const reporterSide = ctx.openid === doc.reporter || ctx.openid === doc.enteredBy;
  return {
    at: ctx.now,
    action,
    actorKind: reporterSide && !handlesLevel(viewerOf(ctx.user), doc) ? 'reporter' : 'handler',
    actor: ctx.openid,
    actorName: ctx.user.displayName,
    level: doc.level,
    toLevel: null,
    note: null,
    photos: [],
    missed: null,
    ...extra,
  };
}

/** A timeline entry by the timer. */
export function systemEntry(now: Date, doc: Pick<DemandDoc, 'level'>, action: TimelineAction, extra: Partial<TimelineDoc> = {}): TimelineDoc {
  return { at: now, action, actorKind: 'system', actor: null, actorName: null, level: doc.level, toLevel: null, note: null, photos: [], missed: null, ...extra };
}

/**
 * Writes a move; someone else's change since the read is CONFLICT (the page reloads and shows it).
 * `say` is the message the move sends, worked out from the demand as it will be: it goes in the same
 * write and the timer sends it within a minute (demand-outbox.ts).
 */
export async function commitMove(doc: DemandDoc, patch: DemandPatch, entry: TimelineDoc, say?: (next: DemandDoc) => PendingNotice): Promise<DemandDoc> {
  const notice = say?.({ ...doc, ...patch });
  const next = await changeDemand(doc, { ...patch, updatedAt: entry.at }, [entry], notice && (notice.level || notice.to.length) ? notice : undefined);
  if (!next) throw new AppError('CONFLICT', '这件诉求刚刚有了变化，请刷新后再看');
  return next;
}

/** The facts a demand's message shows. */
export function noticeAbout(doc: Pick<DemandDoc, '_id' | 'buildingName' | 'gridName' | 'categoryName'>, result: string, at: Date, title = doc.categoryName) {
  return { id: doc._id, title, at, placeText: doc.buildingName ?? doc.gridName, result };
}

/** A message about one demand to some people by name, or to the people of one of its levels (found when it is sent). */
export function message(kind: DemandNoticeKind, to: readonly string[] | Level, doc: DemandDoc, result: string, at: Date, reason?: string): PendingNotice {
  const level = typeof to === 'string' ? to : null;
  return { kind, to: typeof to === 'string' ? [] : [...new Set(to)], level, demand: noticeAbout(doc, result, at), reason: reason ?? null };
}

/** Sends the messages a demand's moves left in its outbox, to the people they name (never throws: the change already happened). */
export async function sendMessages(
  doc: Pick<DemandDoc, 'communityId' | 'gridId'>,
  pending: readonly PendingNotice[],
  people: (level: Level, communityId: string, gridId: string) => Promise<string[]>,
  now: Date,
): Promise<void> {
  const notices: DemandNotice[] = [];
  for (const m of pending) {
    const to = m.level ? await people(m.level, doc.communityId, doc.gridId) : m.to;
    for (const openid of new Set(to)) notices.push({ kind: m.kind, openid, demand: m.demand, ...(m.reason ? { reason: m.reason } : {}) });
  }
  await notifyDemands(notices, now);
}

/** Who a reporter-side message goes to: the resident, and whoever entered it for them. */
export const reporterSide = (doc: DemandDoc) => [doc.reporter, ...(doc.enteredBy ? [doc.enteredBy] : [])];

export const LEVEL_RESULT: Record<Level, string> = { grid: '网格办理', community: '升级居委', street: '升级街道' };
