import * as z from '../zod';
import { fileIdSchema, idSchema, isoDateSchema, openidSchema, text } from '../common';

/**
 * In-service party members reporting to the community where they live (在职党员双报到): their
 * registration, teams and posts, the tasks they claim (微心愿, governance tasks, rota shifts, activity
 * volunteer shifts), the service they record and the hours, points and year report it earns.
 */

export const registrationStateSchema = z.enum(['pending', 'approved', 'rejected']);
export type RegistrationState = z.infer<typeof registrationStateSchema>;
export const REGISTRATION_STATE_NAMES: Record<RegistrationState, string> = { pending: '待审核', approved: '已报到', rejected: '未通过' };

/** The committee reviews a registration within this many days; the timer flags those it has not. */
export const REVIEW_DAYS = 7;

/** 楼组长 / 分队长 / 督导员: the posts (岗位) a member may hold in a team. */
export const POSTS = ['buildingLeader', 'squadLeader', 'supervisor'] as const;
export const postSchema = z.enum(POSTS);
export type Post = z.infer<typeof postSchema>;
export const POST_NAMES: Record<Post, string> = { buildingLeader: '楼组长', squadLeader: '分队长', supervisor: '督导员' };

export const workUnitSchema = text(2, 40, '工作单位');
export const branchSchema = text(2, 40, '所在党支部');
export const contactNameSchema = text(1, 20, '单位联系人');
export const skillsSchema = z.array(text(1, 12, '特长')).check(z.maxLength(8, '特长最多填 8 项'));
export const serveTimesSchema = z.array(text(1, 20, '可服务时间')).check(z.minLength(1, '请至少填一个可服务时间'), z.maxLength(7, '可服务时间最多填 7 项'));
export const teamNameSchema = text(2, 20, '服务队名称');

export const registrationSchema = z.object({
  id: idSchema,
  openid: openidSchema,
  communityId: idSchema,
  displayName: z.string(),
  workUnit: z.string(),
  branch: z.string(),
  contactName: z.string(),
  /** The unit contact's phone: only the member and the committee see it. */
  contactPhone: z.nullable(z.string()),
  skills: z.array(z.string()),
  serveTimes: z.array(z.string()),
  state: registrationStateSchema,
  reason: z.nullable(z.string()),
  teamId: z.nullable(idSchema),
  teamName: z.nullable(z.string()),
  post: z.nullable(postSchema),
  createdAt: isoDateSchema,
  reviewDueAt: isoDateSchema,
  /** Set by the timer when the committee has let the 7 days pass. */
  overdue: z.boolean(),
  reviewedAt: z.nullable(isoDateSchema),
});
export type Registration = z.infer<typeof registrationSchema>;

export const teamSchema = z.object({ id: idSchema, communityId: idSchema, name: z.string(), members: z.number() });
export type Team = z.infer<typeof teamSchema>;

/** wish: 微心愿; task: a governance task; shift: a dated occurrence of a rota; event: an activity's volunteer shift (read from `activity`). */
export const TASK_KINDS = ['wish', 'task', 'shift', 'event'] as const;
export const taskKindSchema = z.enum(TASK_KINDS);
export type TaskKind = z.infer<typeof taskKindSchema>;
export const TASK_KIND_NAMES: Record<TaskKind, string> = { wish: '微心愿', task: '任务', shift: '值守', event: '活动志愿' };

/** vetting: a wish the committee has not published yet; open: claimable; closed: rejected, fulfilled or cancelled. */
export const taskStateSchema = z.enum(['vetting', 'open', 'fulfilled', 'rejected']);
export type TaskState = z.infer<typeof taskStateSchema>;

export const taskTitleSchema = text(2, 30, '标题');
export const taskNoteSchema = text(0, 300, '说明');
export const placeNameSchema = text(2, 30, '地点');
export const placesSchema = z.number().check(z.int('名额应为整数'), z.minimum(1, '名额至少 1 个'), z.maximum(50, '名额最多 50 个'));
/** Hours a task without check-in is worth when verified (the committee's estimate). */
export const taskHoursSchema = z.number().check(z.minimum(0.5, '时长至少 0.5 小时'), z.maximum(8, '时长最多 8 小时'));
/** HH:MM in Shanghai time. */
export const clockTimeSchema = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 08:00'));
/** 1 = Monday … 7 = Sunday. */
export const weekdaysSchema = z.array(z.number().check(z.int(), z.minimum(1), z.maximum(7))).check(z.minLength(1, '请至少选一天'), z.maxLength(7));

/** What members see of a task: never the wish's resident's phone or room. */
export const taskSchema = z.object({
  id: z.string(),
  communityId: idSchema,
  kind: taskKindSchema,
  state: taskStateSchema,
  title: z.string(),
  note: z.string(),
  place: z.nullable(z.string()),
  places: z.number(),
  placesLeft: z.number(),
  startAt: z.nullable(isoDateSchema),
  endAt: z.nullable(isoDateSchema),
  claimBy: z.nullable(isoDateSchema),
  hours: z.nullable(z.number()),
  demandId: z.nullable(idSchema),
  rotaId: z.nullable(idSchema),
  /** For an `event`: the activity and shift to sign up for in `activity`. */
  activityId: z.nullable(idSchema),
  shiftId: z.nullable(z.string()),
  reason: z.nullable(z.string()),
  /** Only for the wish's resident, the committee, and (after claiming) the claiming member: where to go. */
  wisher: z.nullable(z.object({ displayName: z.string(), building: z.nullable(z.string()), room: z.nullable(z.string()) })),
  createdAt: isoDateSchema,
});
export type Task = z.infer<typeof taskSchema>;

/** claimed → (checked in → checked out | proof) → submitted → verified | rejected; or cancelled. */
export const claimStateSchema = z.enum(['claimed', 'checkedIn', 'submitted', 'verified', 'rejected', 'cancelled']);
export type ClaimState = z.infer<typeof claimStateSchema>;
export const CLAIM_STATE_NAMES: Record<ClaimState, string> = {
  claimed: '已认领',
  checkedIn: '已签到',
  submitted: '待核实',
  verified: '已核实',
  rejected: '未通过',
  cancelled: '已取消',
};

export const proofNoteSchema = text(2, 200, '服务记录');
export const claimSchema = z.object({
  id: z.string(),
  taskId: z.string(),
  kind: taskKindSchema,
  title: z.string(),
  openid: openidSchema,
  state: claimStateSchema,
  checkinAt: z.nullable(isoDateSchema),
  checkoutAt: z.nullable(isoDateSchema),
  note: z.nullable(z.string()),
  photo: z.nullable(fileIdSchema),
  /** Hours credited to the ledger (after the shift clamp and the 8 h day cap); null until verified. */
  hours: z.nullable(z.number()),
  points: z.nullable(z.number()),
  reason: z.nullable(z.string()),
  /** A swap asked of another member, until they accept. */
  swapTo: z.nullable(openidSchema),
  createdAt: isoDateSchema,
});
export type Claim = z.infer<typeof claimSchema>;

/** Points a verified hour earns, and a bonus per task kind, as the community configures them. */
export const pointsSettingsSchema = z.object({
  perHour: z.number().check(z.minimum(0), z.maximum(100)),
  byKind: z.object({
    wish: z.number().check(z.minimum(0), z.maximum(100)),
    task: z.number().check(z.minimum(0), z.maximum(100)),
    shift: z.number().check(z.minimum(0), z.maximum(100)),
  }),
});
export type PointsSettings = z.infer<typeof pointsSettingsSchema>;
export const DEFAULT_POINTS: PointsSettings = { perHour: 10, byKind: { wish: 5, task: 5, shift: 2 } };

export const starsSchema = z.number().check(z.int(), z.minimum(1), z.maximum(5));

/** A member's year, for their own page and the work unit's file. */
export const yearLineSchema = z.object({
  openid: openidSchema,
  displayName: z.string(),
  workUnit: z.string(),
  branch: z.string(),
  teamName: z.nullable(z.string()),
  post: z.nullable(postSchema),
  hours: z.number(),
  points: z.number(),
  tasks: z.number(),
  wishes: z.number(),
  /** Residents' ratings of the member's services: the average and how many, never who. */
  rating: z.nullable(z.number()),
  ratings: z.number(),
  /** ★1–★5 once the year's stars are posted (final after the objection days), else null. */
  stars: z.nullable(z.number()),
});
export type YearLine = z.infer<typeof yearLineSchema>;

/** A member's 岗位评星 for a year: posted for objections, then final. */
export const starsStateSchema = z.enum(['draft', 'posted', 'objected', 'final']);
export const scorePartSchema = z.number().check(z.minimum(0, '分数不能小于 0'), z.maximum(100, '分数不能超过 100'));
export const starRecordSchema = z.object({
  openid: openidSchema,
  displayName: z.string(),
  year: z.number(),
  state: starsStateSchema,
  /** The four parts, each out of 100, and the weighted score. */
  activity: z.number(),
  residents: z.number(),
  peer: z.number(),
  party: z.number(),
  score: z.number(),
  stars: z.number(),
  postedAt: z.nullable(isoDateSchema),
  finalAt: z.nullable(isoDateSchema),
  objection: z.nullable(z.string()),
});
export type StarRecord = z.infer<typeof starRecordSchema>;
