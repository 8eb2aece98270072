import { z } from 'zod/mini';
import { memberContract } from '../../../../domain/contract/member';
import { rotaDates, shanghaiInstant, shiftOccurrenceId } from '../../../../domain/members/rules';
import { AppError } from '../../../../domain/result';
import { newId } from '../../../../server/kit/ids';
import { RequestContext } from '../../../../server/kit/router';
import { RotaDoc, insertRota, rotasAfter } from '../../../../server/repositories/member-rotas';
import { TaskDoc, changeTask, getTask, insertTask, insertTaskOnce } from '../../../../server/repositories/member-tasks';
import { getUnit } from '../../../../server/repositories/units';
import { getUser } from '../../../../server/repositories/users';
import { requireCommittee } from '../access';
import { toTask } from '../views';

type C = typeof memberContract;
type In<A extends keyof C> = z.infer<C[A]['input']>;

/** Weeks of rota shifts the timer keeps generated ahead. */
export const WEEKS_AHEAD = 2;
/** A wish stays claimable this long after it is published unless the committee says otherwise. */
const WISH_CLAIM_DAYS = 14;

const draft = (fields: Pick<TaskDoc, '_id' | 'communityId' | 'kind' | 'state' | 'title' | 'note'> & Partial<TaskDoc>, now: Date): TaskDoc => ({
  place: null,
  places: 1,
  placesLeft: 1,
  startAt: null,
  endAt: null,
  claimBy: null,
  hours: null,
  demandId: null,
  rotaId: null,
  wisher: null,
  reason: null,
  createdAt: now,
  updatedAt: now,
  ...fields,
});

/** 微心愿: a resident for themselves, or their building leader for a resident of the building; the committee vets it first. */
export async function postWish(input: In<'postWish'>, ctx: RequestContext) {
  let resident = ctx.user;
  if (input.forOpenid && input.forOpenid !== ctx.openid) {
    const other = await getUser(input.forOpenid);
    const leads = ctx.user.roles.some((r) => r.role === 'buildingLeader' && other !== null && r.buildingId === other.buildingId);
    if (!other || !leads) throw new AppError('PERMISSION_DENIED', '只能为本楼组的居民代发心愿');
    resident = other;
  }
  if (!resident.communityId || !resident.buildingId) throw new AppError('PERMISSION_DENIED', '请先绑定所住楼组，再发布微心愿');
  const building = await getUnit(resident.buildingId);
  const doc = draft(
    {
      _id: newId(ctx.now),
      communityId: resident.communityId,
      kind: 'wish',
      state: 'vetting',
      title: input.title,
      note: input.note,
      wisher: { openid: resident._id, displayName: resident.displayName, buildingId: resident.buildingId, buildingName: building?.name ?? null, room: resident.room, postedBy: ctx.openid },
    },
    ctx.now,
  );
  await insertTask(doc);
  return toTask(doc, ctx);
}

export async function vetWish(input: In<'vetWish'>, ctx: RequestContext) {
  const task = await getTask(input.taskId);
  if (!task || task.kind !== 'wish') throw new AppError('NOT_FOUND', '没有找到这个心愿');
  requireCommittee(ctx, task.communityId);
  if (task.state !== 'vetting') throw new AppError('FAILED_PRECONDITION', '这个心愿已经审核过了');
  let patch: Partial<TaskDoc>;
  if (input.publish) {
    const claimBy = input.claimBy ? new Date(input.claimBy) : new Date(ctx.now.getTime() + WISH_CLAIM_DAYS * 86_400_000);
    if (claimBy <= ctx.now) throw new AppError('INVALID_ARGUMENT', '认领截止时间应晚于现在');
    patch = { state: 'open', hours: input.hours ?? 1, claimBy, updatedAt: ctx.now };
  } else {
    if (!input.reason) throw new AppError('INVALID_ARGUMENT', '请填写不发布的理由');
    patch = { state: 'rejected', reason: input.reason, updatedAt: ctx.now };
  }
  if (!(await changeTask(task._id, 'vetting', patch))) throw new AppError('FAILED_PRECONDITION', '这个心愿已经审核过了');
  return toTask({ ...task, ...patch }, ctx);
}

export async function publishTask(input: In<'publishTask'>, ctx: RequestContext) {
  requireCommittee(ctx, input.communityId);
  const startAt = input.startAt ? new Date(input.startAt) : null;
  const endAt = input.endAt ? new Date(input.endAt) : null;
  const claimBy = new Date(input.claimBy);
  if ((startAt === null) !== (endAt === null)) throw new AppError('INVALID_ARGUMENT', '开始和结束时间要一起填');
  if (startAt && endAt && endAt <= startAt) throw new AppError('INVALID_ARGUMENT', '结束时间应晚于开始时间');
  if (claimBy <= ctx.now) throw new AppError('INVALID_ARGUMENT', '认领截止时间应晚于现在');
  if (startAt && claimBy > startAt) throw new AppError('INVALID_ARGUMENT', '认领截止时间不能晚于开始时间');
  const doc = draft(
    {
      _id: newId(ctx.now),
      communityId: input.communityId,
      kind: 'task',
      state: 'open',
      title: input.title,
      note: input.note,
      place: input.place ?? null,
      places: input.places,
      placesLeft: input.places,
      startAt,
      endAt,
      claimBy,
      hours: input.hours,
      demandId: input.demandId ?? null,
    },
    ctx.now,
  );
  await insertTask(doc);
  return toTask(doc, ctx);
}

/** A rota and its shifts for the coming weeks (generated again by the timer, idempotently). */
export async function saveRota(input: In<'saveRota'>, ctx: RequestContext) {
  requireCommittee(ctx, input.communityId);
  if (input.end <= input.start) throw new AppError('INVALID_ARGUMENT', '结束时间应晚于开始时间');
  const rota: RotaDoc = {
    _id: newId(ctx.now),
    communityId: input.communityId,
    title: input.title,
    place: input.place,
    weekdays: [...new Set(input.weekdays)].sort(),
    start: input.start,
    end: input.end,
    places: input.places,
    createdAt: ctx.now,
  };
  await insertRota(rota);
  return { rotaId: rota._id, generated: await generateRota(rota, ctx.now, input.weeks ?? WEEKS_AHEAD) };
}

/** The dated shifts of a rota from today for `weeks` weeks, each once (its id is rota+date). */
export async function generateRota(rota: RotaDoc, now: Date, weeks: number): Promise<number> {
  const dates = rotaDates(now, weeks * 7, rota.weekdays);
  let made = 0;
  for (const date of dates) {
    const startAt = shanghaiInstant(date, rota.start);
    if (startAt <= now) continue;
    const doc = draft(
      {
        _id: shiftOccurrenceId(rota._id, date),
        communityId: rota.communityId,
        kind: 'shift',
        state: 'open',
        title: `${rota.title}（${date.slice(5)}）`,
        note: '',
        place: rota.place,
        places: rota.places,
        placesLeft: rota.places,
        startAt,
        endAt: shanghaiInstant(date, rota.end),
        claimBy: startAt,
        rotaId: rota._id,
      },
      now,
    );
    if (await insertTaskOnce(doc)) made++;
  }
  return made;
}

/** Timer job: every rota's shifts kept generated WEEKS_AHEAD ahead. */
export async function generateShifts(now: Date): Promise<{ generated: number }> {
  let generated = 0;
  for (let after: string | null = null; ;) {
    const page = await rotasAfter(after, 100);
    for (const rota of page) generated += await generateRota(rota, now, WEEKS_AHEAD);
    if (page.length < 100) return { generated };
    after = page[page.length - 1]._id;
  }
}
