import * as z from '../zod';
import { fileIdSchema, idSchema, isoDateSchema, openidSchema, pageInput, pageOf, phoneSchema } from '../common';
import {
  branchSchema,
  claimSchema,
  claimStateSchema,
  clockTimeSchema,
  contactNameSchema,
  placeNameSchema,
  placesSchema,
  pointsSettingsSchema,
  postSchema,
  proofNoteSchema,
  registrationSchema,
  scorePartSchema,
  starRecordSchema,
  serveTimesSchema,
  skillsSchema,
  starsSchema,
  taskHoursSchema,
  taskKindSchema,
  taskNoteSchema,
  taskSchema,
  taskTitleSchema,
  teamNameSchema,
  teamSchema,
  weekdaysSchema,
  workUnitSchema,
  yearLineSchema,
} from '../members/model';
import { reasonSchema } from '../people';

const claimInput = { claimId: idSchema };
const yearSchema = z.number().check(z.int('年份应为整数'), z.minimum(2020), z.maximum(2100));
/** The check-in token as scanned (see server/checkin-token.ts). */
const tokenSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{32}$/, '签到码无效，请重新扫码'));

/**
 * Function `member`: in-service party members (在职党员) reporting to the community where they live.
 * 报到 and the committee's review; teams and posts; the task hall (微心愿, tasks, rota shifts and
 * activities' volunteer shifts); claims, check-in, proof and verification; hours into the ledger,
 * points, ratings; the year report and the dashboard. Every write takes an idempotency key.
 */
export const memberContract = {
  /** 报到: a resident bound to a building of the community registers; again after a rejection. */
  register: {
    input: z.strictObject({
      workUnit: workUnitSchema,
      branch: branchSchema,
      contactName: contactNameSchema,
      contactPhone: phoneSchema,
      skills: skillsSchema,
      serveTimes: serveTimesSchema,
    }),
    output: registrationSchema,
  },
  /** My registration (with team and post), or null before I register. */
  me: { input: z.strictObject({}), output: z.object({ registration: z.nullable(registrationSchema) }) },
  /** The committee's review queue (pending, oldest first), or the approved members. */
  registrations: {
    input: z.strictObject({ communityId: idSchema, state: z.optional(z.enum(['pending', 'approved'])), ...pageInput }),
    output: pageOf(registrationSchema),
  },
  /** Approve and put on a team: grants the partyMember role in the community. */
  approve: { input: z.strictObject({ registrationId: idSchema, teamId: idSchema }), output: registrationSchema },
  reject: { input: z.strictObject({ registrationId: idSchema, reason: reasonSchema }), output: registrationSchema },
  teams: { input: z.strictObject({ communityId: idSchema }), output: z.object({ items: z.array(teamSchema) }) },
  saveTeam: { input: z.strictObject({ communityId: idSchema, teamId: z.optional(idSchema), name: teamNameSchema }), output: teamSchema },
  /** The committee moves a member to a team and gives (or takes away, null) their post. */
  setPost: {
    input: z.strictObject({ registrationId: idSchema, teamId: idSchema, post: z.nullable(postSchema) }),
    output: registrationSchema,
  },
  /** 微心愿: a resident for themselves, or their building leader for them (`forOpenid`). */
  postWish: {
    input: z.strictObject({ title: taskTitleSchema, note: taskNoteSchema, forOpenid: z.optional(openidSchema) }),
    output: taskSchema,
  },
  /** The committee's wishes waiting to be vetted, oldest first (with the resident, for the committee only). */
  wishesToVet: { input: z.strictObject({ communityId: idSchema, ...pageInput }), output: pageOf(taskSchema) },
  /**
   * My 微心愿 (asked by me, or posted by me for a neighbour as their building leader), newest first,
   * each with the member's claim on it: the wisher needs its id to confirm it (verify) — never who.
   */
  wishes: {
    input: z.strictObject({ ...pageInput }),
    output: pageOf(z.object({ task: taskSchema, claim: z.nullable(z.object({ id: z.string(), state: claimStateSchema, note: z.nullable(z.string()) })) })),
  },
  /** The committee publishes a vetted wish (with the hours it is worth and a claim deadline) or turns it down. */
  vetWish: {
    input: z.strictObject({
      taskId: idSchema,
      publish: z.boolean(),
      hours: z.optional(taskHoursSchema),
      claimBy: z.optional(isoDateSchema),
      reason: z.optional(reasonSchema),
    }),
    output: taskSchema,
  },
  /** A governance task, optionally from a demand. */
  publishTask: {
    input: z.strictObject({
      communityId: idSchema,
      title: taskTitleSchema,
      note: taskNoteSchema,
      place: z.optional(placeNameSchema),
      places: placesSchema,
      hours: taskHoursSchema,
      startAt: z.optional(isoDateSchema),
      endAt: z.optional(isoDateSchema),
      claimBy: isoDateSchema,
      demandId: z.optional(idSchema),
    }),
    output: taskSchema,
  },
  /** A duty rota (e.g. 桶前值守 at a bin station); its dated shifts are generated for the coming weeks. */
  saveRota: {
    input: z.strictObject({
      communityId: idSchema,
      place: placeNameSchema,
      title: taskTitleSchema,
      weekdays: weekdaysSchema,
      start: clockTimeSchema,
      end: clockTimeSchema,
      places: placesSchema,
      weeks: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(4))),
    }),
    output: z.object({ rotaId: idSchema, generated: z.number() }),
  },
  /** 任务大厅: open tasks, wishes, shifts and activities' volunteer shifts in my community. */
  hall: {
    input: z.strictObject({ communityId: idSchema, kind: z.optional(taskKindSchema), ...pageInput }),
    output: pageOf(taskSchema),
  },
  task: { input: z.strictObject({ taskId: idSchema }), output: taskSchema },
  /** Take a place: never more than the places, one live claim per member per task, before the deadline. */
  claim: { input: z.strictObject({ taskId: idSchema }), output: claimSchema },
  /** Give the place back, before the start. */
  cancel: { input: z.strictObject(claimInput), output: claimSchema },
  /** Ask another member to take my shift; they accept with acceptSwap. */
  askSwap: { input: z.strictObject({ ...claimInput, toOpenid: openidSchema }), output: claimSchema },
  acceptSwap: { input: z.strictObject(claimInput), output: claimSchema },
  mine: { input: z.strictObject({ ...pageInput }), output: pageOf(claimSchema) },
  /** The committee's live QR for a shift or task on site (30 s tokens, as for activities). */
  checkinCode: {
    input: z.strictObject({ taskId: idSchema }),
    output: z.object({ token: z.string(), expiresAt: isoDateSchema, refreshInSeconds: z.number() }),
  },
  checkin: { input: z.strictObject({ ...claimInput, token: tokenSchema }), output: claimSchema },
  checkout: { input: z.strictObject({ ...claimInput, token: tokenSchema }), output: claimSchema },
  /** Work off site: a note and a photo for the verifier. */
  submitProof: { input: z.strictObject({ ...claimInput, note: proofNoteSchema, photo: fileIdSchema }), output: claimSchema },
  /** The committee's verify queue: submitted service (note, photo, or check-in and out), oldest first, with who did it. */
  proofsToVerify: {
    input: z.strictObject({ communityId: idSchema, ...pageInput }),
    output: pageOf(z.object({ claim: claimSchema, memberName: z.string(), workUnit: z.nullable(z.string()) })),
  },
  /** The committee, or the wish's resident (确认已实现), verifies: the hours go to the ledger once. */
  verify: { input: z.strictObject(claimInput), output: claimSchema },
  rejectProof: { input: z.strictObject({ ...claimInput, reason: reasonSchema }), output: claimSchema },
  /** One anonymous rating per household per task. */
  rate: { input: z.strictObject({ taskId: idSchema, stars: starsSchema }), output: z.object({ rated: z.literal(true) }) },
  pointsSettings: { input: z.strictObject({ communityId: idSchema }), output: pointsSettingsSchema },
  saveSettings: { input: z.strictObject({ communityId: idSchema, points: pointsSettingsSchema }), output: pointsSettingsSchema },
  /** The committee records a member's peer and party-organisation parts (each /100) for the year's 岗位评星. */
  scoreMember: {
    input: z.strictObject({ registrationId: idSchema, year: yearSchema, peer: scorePartSchema, party: scorePartSchema }),
    output: starRecordSchema,
  },
  /** The committee computes and posts every member's stars for the year: 5 days for objections, then final. */
  postStars: { input: z.strictObject({ communityId: idSchema, year: yearSchema }), output: z.object({ posted: z.number() }) },
  /** A member's stars (mine, or any member's for the committee). */
  stars: { input: z.strictObject({ year: yearSchema, openid: z.optional(openidSchema) }), output: starRecordSchema },
  /** The member objects to their posted stars within the 5 days, with a reason; the committee posts again. */
  objectStars: { input: z.strictObject({ year: yearSchema, reason: reasonSchema }), output: starRecordSchema },
  /** A member's year (mine, or any member's for the committee). */
  yearReport: {
    input: z.strictObject({ year: yearSchema, openid: z.optional(openidSchema) }),
    output: yearLineSchema,
  },
  /** The committee's year-end files: a CSV per work unit, uploaded privately. */
  unitReports: {
    input: z.strictObject({ communityId: idSchema, year: yearSchema }),
    output: z.object({ files: z.array(z.object({ workUnit: z.string(), fileId: z.string(), members: z.number() })) }),
  },
  dashboard: {
    input: z.strictObject({ communityId: idSchema }),
    output: z.object({
      activeMembers: z.number(),
      members: z.number(),
      wishesWaiting: z.number(),
      /** Days the oldest waiting wish has waited. */
      oldestWishDays: z.nullable(z.number()),
      noShows: z.number(),
      hoursByTeam: z.array(z.object({ name: z.string(), hours: z.number() })),
      hoursByWorkUnit: z.array(z.object({ name: z.string(), hours: z.number() })),
    }),
  },
};
