import { z } from 'zod/mini';
import { MAX_PAGE } from '../../../../domain/common';
import { RosterEntry, activityContract } from '../../../../domain/contract/activity';
import { maskPhone } from '../../../../domain/people';
import { AppError } from '../../../../domain/result';
import { RequestContext } from '../../../../server/kit/router';
import { temporaryUrl, uploadFile } from '../../../../server/kit/storage';
import { placeNames } from '../../../../server/places';
import { ActivityDoc } from '../../../../server/repositories/activities';
import { recordAudit } from '../../../../server/repositories/audit-log';
import { recordRosterExport } from '../../../../server/repositories/roster-exports';
import { TimePosition, decodePositionCursor, encodePositionCursor } from '../../../../server/repositories/docs';
import { SignupDoc, signupsOf } from '../../../../server/repositories/signups';
import { UserDoc, getUsers } from '../../../../server/repositories/users';
import { toSignup } from '../views';
import { loadManagedActivity } from './manage-activity';
import { rosterCsv } from './roster-csv';

type Input = z.infer<typeof activityContract.roster.input>;

/** A CSV export holds at most this many signups; a bigger one is exported by shift or status. */
export const CSV_MAX_ROWS = 2000;
/** How long the export's download link works: long enough to open it, short enough not to linger in chats. */
const CSV_LINK_SECONDS = 600;
/** Signups read per database request while exporting (the database's most). */
const EXPORT_PAGE = 1000;

/**
 * The committee's roster of an activity: signups in signup order with their answers, check-in and
 * check-out times and hours, 20 a page; or, with `format: 'csv'`, all of them as a file in cloud
 * storage. Phones are masked unless `unmask` is asked for, which goes into the audit log.
 */
export async function roster(input: Input, ctx: RequestContext) {
  const activity = await loadManagedActivity(input.activityId, ctx);
  if (input.shiftId && !activity.shifts.some((s) => s.id === input.shiftId)) throw new AppError('NOT_FOUND', '没有找到这个岗位');
  if (input.format === 'csv') return exportRoster(activity, input, ctx);
  const limit = input.limit ?? MAX_PAGE;
  const docs = await signupsOf(activity._id, { status: input.status, shiftId: input.shiftId, after: decodePositionCursor(input.cursor), limit: limit + 1 });
  const page = docs.slice(0, limit);
  if (input.unmask) await auditUnmask(activity, page.length, 'page', ctx);
  const last = page[page.length - 1];
  return {
    items: await rosterEntries(page, input.unmask === true),
    nextCursor: docs.length > limit ? encodePositionCursor({ time: last.createdAt, id: last._id }) : null,
    csvFileId: null,
    csvUrl: null,
  };
}

/** The whole roster (up to 2,000) as a CSV file; the answer carries its fileID and a short-lived link, not the rows. */
async function exportRoster(activity: ActivityDoc, input: Input, ctx: RequestContext) {
  const signups = await wholeRoster(activity._id, input);
  if (signups.length > CSV_MAX_ROWS) throw new AppError('RESOURCE_EXHAUSTED', `名单超过 ${CSV_MAX_ROWS} 条，请按岗位或报名状态分批导出`);
  if (input.unmask) await auditUnmask(activity, signups.length, 'csv', ctx);
  const csv = rosterCsv(activity, await rosterEntries(signups, input.unmask === true));
  // private/ is shut to every client by storage.rules.json, and the request id makes the path
  // unguessable: the file holds residents' names and phones. The timer deletes it after an hour.
  const fileId = await uploadFile(`private/rosters/${activity._id}/${ctx.now.toISOString().slice(0, 10)}-${ctx.requestId}.csv`, csv);
  await recordRosterExport({ _id: ctx.requestId, fileId, activityId: activity._id, createdBy: ctx.openid, createdAt: ctx.now });
  return { items: [], nextCursor: null, csvFileId: fileId, csvUrl: await temporaryUrl(fileId, CSV_LINK_SECONDS) };
}

/** Every signup the export asks for, 1,000 a request, and one more than the most: enough to know it is too many. */
async function wholeRoster(activityId: string, input: Input): Promise<SignupDoc[]> {
  const signups: SignupDoc[] = [];
  let after: TimePosition | null = null;
  for (;;) {
    const limit = Math.min(EXPORT_PAGE, CSV_MAX_ROWS + 1 - signups.length);
    const batch = await signupsOf(activityId, { status: input.status, shiftId: input.shiftId, after, limit });
    signups.push(...batch);
    if (batch.length < limit || signups.length > CSV_MAX_ROWS) return signups;
    const last = batch[batch.length - 1];
    after = { time: last.createdAt, id: last._id };
  }
}

async function auditUnmask(activity: ActivityDoc, count: number, format: 'page' | 'csv', ctx: RequestContext): Promise<void> {
  await recordAudit({ actor: ctx.openid, action: 'unmaskPhones', target: activity._id, detail: { communityId: activity.communityId, roster: format, count }, at: ctx.now });
}

/** Signups with who signed up: name, building, and the phone they gave (else their profile's), masked unless asked. */
async function rosterEntries(signups: SignupDoc[], unmask: boolean): Promise<RosterEntry[]> {
  const users = new Map((await usersOf(signups.map((s) => s.openid))).map((u) => [u._id, u]));
  const buildings = await placeNames([...users.values()].map((u) => u.buildingId));
  return signups.map((s) => {
    const user = users.get(s.openid);
    const phone = s.answers.phone ?? user?.phone ?? null;
    return {
      signup: toSignup(s),
      displayName: user?.displayName ?? '已注销用户',
      phone: unmask ? phone : maskPhone(phone),
      building: user?.buildingId ? (buildings.get(user.buildingId)?.name ?? null) : null,
      room: user?.buildingId ? user.room : null,
      answers: { companions: s.answers.companions, note: s.answers.note },
    };
  });
}

/** Users by openid, 500 a request (an export can name 2,000). */
async function usersOf(openids: string[]): Promise<UserDoc[]> {
  const unique = [...new Set(openids)];
  const users: UserDoc[] = [];
  for (let i = 0; i < unique.length; i += 500) users.push(...(await getUsers(unique.slice(i, i + 500))));
  return users;
}
