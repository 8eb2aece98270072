import { clockFor } from '../../../../domain/demands/clock';
import { LEVEL_NAMES } from '../../../../domain/demands/model';
import { DemandNotice } from '../../../../domain/notifications';
import { CALENDAR } from '../../../../server/holidays';
import { BUDGET_MS } from './jobs';
import { notifyDemands } from '../../../../server/notifications';
import { OverdueDoc, changeOverdueGroup, demandsToWarn, overdueDemands, sweptBy, warnGroup } from '../../../../server/repositories/demand-sweeps';
import { demandsWithMessages, takeMessages } from '../../../../server/repositories/demand-outbox';
import { DemandDoc, changeDemand, dueDemands } from '../../../../server/repositories/demands';
import { groupKey, overdueChange } from '../escalation';
import { levelPeopleCache } from '../level-people';
import { noticeAbout, sendMessages, systemEntry } from '../moves';

/**
 * The timer's jobs (DEMAND_JOBS in jobs.ts). Every change is a conditional update on the version read, so two runs at once change a demand
 * once and only the run that changed it tells anyone.
 */

/** Demands read at a time from the due-time index (the warning and closing jobs change them one by one). */
const PAGE = 100;
/** Overdue demands read at a time: each page costs one read and one update per group of alike demands. */
const SWEEP_PAGE = 100;
/** Updates in flight at once. */
const LANES = 8;

export interface JobSummary {
  changed: number;
  /** The budget ran out with demands still due: the next run goes on. */
  more: boolean;
}

/** Pages through what `due` finds, applying `work` to each (LANES at a time) until none is left or the budget is spent. */
async function sweep<D extends { _id: string }>(due: () => Promise<D[]>, work: (doc: D) => Promise<boolean>, budgetMs: number): Promise<JobSummary> {
  const stopAt = Date.now() + budgetMs;
  let changed = 0;
  const tried = new Set<string>();
  while (Date.now() < stopAt) {
    // A demand this run tried and lost to someone else's write is not tried again in this run.
    const page = (await due()).filter((d) => !tried.has(d._id));
    if (page.length === 0) return { changed, more: false };
    let next = 0;
    const lane = async () => {
      while (next < page.length && Date.now() < stopAt) {
        const doc = page[next++];
        tried.add(doc._id);
        if (await work(doc)) changed++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(LANES, page.length) }, lane));
  }
  return { changed, more: true };
}

/**
 * The messages the handlers' and reporters' moves left in the demands' outboxes (demand-outbox.ts),
 * sent within a minute of the move: each outbox is emptied as it was read, then its messages go.
 */
export async function sendWaiting(now: Date): Promise<JobSummary> {
  const people = levelPeopleCache();
  return sweep(
    () => demandsWithMessages(now, PAGE),
    async (doc) => {
      if (!(await takeMessages(doc))) return false;
      await sendMessages(doc, doc.outbox, people, now);
      return true;
    },
    BUDGET_MS.sendWaiting,
  );
}

/** One message per person per run: "漏水等 3 件". */
/** What a message needs of a demand. */
type Told = Pick<DemandDoc, '_id' | 'buildingName' | 'gridName' | 'categoryName' | 'level' | 'dueAt'>;

function digest(kind: DemandNotice['kind'], byPerson: Map<string, Told[]>, result: (doc: Told) => string, at: (doc: Told) => Date): DemandNotice[] {
  return [...byPerson].map(([openid, docs]) => {
    const first = docs[0];
    const title = docs.length > 1 ? `${first.categoryName}等${docs.length}件` : first.categoryName;
    return { kind, openid, demand: noticeAbout(first, result(first), at(first), title) };
  });
}
const addTo = (map: Map<string, Told[]>, openids: readonly string[], doc: Told) => {
  for (const openid of new Set(openids)) map.set(openid, [...(map.get(openid) ?? []), doc]);
};

/**
 * Deadlines passed: each demand rises one level, the miss recorded against the level that missed,
 * and the new level is told. A page of overdue demands is read by the due-time index and changed in
 * one conditional update per group of alike demands, so the requests grow with the overdue (about
 * one read and a few updates a page), never with the open.
 */
export async function escalateOverdue(now: Date): Promise<JobSummary> {
  const runId = `${now.getTime().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
  const people = levelPeopleCache();
  const tell = new Map<string, Told[]>();
  const stopAt = Date.now() + BUDGET_MS.escalateOverdue;
  const tried = new Set<string>();
  let changed = 0;
  let more = true;
  while (Date.now() < stopAt) {
    const page = (await overdueDemands(now, SWEEP_PAGE)).filter((d) => !tried.has(d._id));
    if (page.length === 0) {
      more = false;
      break;
    }
    const groups = new Map<string, OverdueDoc[]>();
    for (const d of page) groups.set(groupKey(d), [...(groups.get(groupKey(d)) ?? []), d]);
    for (const group of groups.values()) {
      const ids = group.map((d) => d._id);
      ids.forEach((id) => tried.add(id));
      const change = overdueChange(group[0], now, runId);
      const n = await changeOverdueGroup(ids, now, change);
      changed += n;
      // Another run (or a handler) may have changed some first: then only ours are told about.
      const ours = n === ids.length ? group : n === 0 ? [] : await sweptBy(ids, runId);
      const level = change.set.level;
      if (!level) continue;
      for (const d of ours) addTo(tell, await people(level, d.communityId, d.gridId), { ...d, level, dueAt: change.set.dueAt ?? d.dueAt });
    }
  }
  await notifyDemands(
    digest(
      'demandEscalated',
      tell,
      (d) => `升级${LEVEL_NAMES[d.level]}`,
      (d) => d.dueAt,
    ),
    now,
  );
  return { changed, more };
}

/** 75% of a deadline gone: the handler (or, with none assigned, the level's people) is warned once; one update a page and level. */
export async function warnDueSoon(now: Date): Promise<JobSummary> {
  const runId = `${now.getTime().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
  const people = levelPeopleCache();
  const tell = new Map<string, Told[]>();
  const stopAt = Date.now() + BUDGET_MS.warnDueSoon;
  const tried = new Set<string>();
  let changed = 0;
  while (Date.now() < stopAt) {
    const page = (await demandsToWarn(now, SWEEP_PAGE)).filter((d) => !tried.has(d._id));
    if (page.length === 0) return finishWarnings(changed, false);
    for (const level of new Set(page.map((d) => d.level))) {
      const group = page.filter((d) => d.level === level);
      const ids = group.map((d) => d._id);
      ids.forEach((id) => tried.add(id));
      const n = await warnGroup(ids, level, now, systemEntry(now, group[0], 'warn', { note: '办理期限已过四分之三' }), runId);
      changed += n;
      const ours = n === ids.length ? group : n === 0 ? [] : await sweptBy(ids, runId);
      for (const d of ours) addTo(tell, d.handler ? [d.handler] : await people(d.level, d.communityId, d.gridId), d);
    }
  }
  return finishWarnings(changed, true);

  async function finishWarnings(n: number, more: boolean): Promise<JobSummary> {
    await notifyDemands(
      digest(
        'demandOverdue',
        tell,
        () => '即将超期',
        (d) => d.dueAt,
      ),
      now,
    );
    return { changed: n, more };
  }
}

/** Three days without the reporter's word: closed as unrated (never counted as satisfied); the me-toos are told. */
export async function closeUnconfirmed(now: Date): Promise<JobSummary> {
  const tell = new Map<string, Told[]>();
  const summary = await sweep(
    () => dueDemands('confirm', now, PAGE),
    async (doc) => {
      const patch = { state: 'closed' as const, open: false, closedAt: now, closedHow: 'unrated' as const, updatedAt: now, ...clockFor('closed', doc.deadlineClass, now, CALENDAR) };
      const next = await changeDemand(doc, patch, [systemEntry(now, doc, 'autoClose', { note: '3 天内未确认，自动办结（未评价）' })]);
      if (next) addTo(tell, next.meToo, next);
      return next !== null;
    },
    BUDGET_MS.closeUnconfirmed,
  );
  await notifyDemands(
    digest(
      'demandClosed',
      tell,
      () => '已办结',
      () => now,
    ),
    now,
  );
  return summary;
}
