import crypto from 'node:crypto';
import { z } from 'zod/mini';
import { userContract } from '../../../../domain/contract/user';
import { Binding } from '../../../../domain/people';
import { AppError } from '../../../../domain/result';
import { rememberCaller } from '../../../../server/kit/caller-cache';
import { RequestContext } from '../../../../server/kit/router';
import { BindingDoc, bindingsFound, insertBinding, latestBindingLookup, supersede } from '../../../../server/repositories/bindings';
import { UnitDoc, buildingLookup, unitsFound } from '../../../../server/repositories/units';
import { UserDoc, addUser, usable, userWith } from '../../../../server/repositories/users';
import { placeAmong } from '../../../../server/places';
import { bindingsView } from '../profile';

type Input = z.infer<typeof userContract.requestBinding.input>;

interface Asking {
  user: UserDoc;
  /** The building asked for, its grid and community. */
  units: UnitDoc[];
  /** The person's latest request, whatever became of it. */
  latest: BindingDoc | null;
}

/**
 * The caller reader of requestBinding (index.ts): the person, the building they ask for with its
 * grid and community, and their latest request, in one request; a first call adds the new user's insert.
 */
export async function readAsking(openid: string, now: Date, input: unknown): Promise<{ user: UserDoc; reading: Asking }> {
  const { buildingId } = input as Input;
  const read = () => userWith(openid, [buildingLookup(buildingId, 'asked'), latestBindingLookup(openid, 'latest')]);
  const found = (await read()) ?? (await addUser(openid, now).then(read));
  if (!found) throw new Error('a user just created could not be read');
  const user = usable(found.user);
  rememberCaller(user, now);
  return { user, reading: { user, units: unitsFound(found.found.asked), latest: bindingsFound(found.found.latest).bindings[0] ?? null } };
}

/**
 * A resident asks to join a building with their room number; a committee member of that community
 * reviews it. A new request replaces the caller's pending one (it is marked superseded).
 *
 * Two requests of one person at once leave one pending: a new request's id follows from the latest
 * one's, so of two made from the same reading only the first is stored; the other reads again and
 * replaces it (at most a few rounds: each round one of them lands).
 */
export async function requestBinding(input: Input, ctx: RequestContext): Promise<Binding> {
  let asking = ctx.reading as Asking;
  for (let round = 0; ; round++) {
    const { user, units, latest } = asking;
    const place = placeAmong(input.buildingId, units);
    if (user.buildingId === input.buildingId && user.room === input.room) throw new AppError('FAILED_PRECONDITION', '你已经是这个楼组的居民了');
    const binding: BindingDoc = {
      _id: crypto
        .createHash('sha256')
        .update(`${ctx.openid}|after|${latest?._id ?? ''}`)
        .digest('hex')
        .slice(0, 32),
      openid: ctx.openid,
      buildingId: place.building.id,
      gridId: place.grid.id,
      communityId: place.community.id,
      room: input.room,
      status: 'pending',
      reason: null,
      reviewedBy: null,
      reviewedAt: null,
      createdAt: ctx.now,
    };
    if (latest?.status === 'pending') await supersede(latest._id);
    if (await insertBinding(binding)) return (await bindingsView([binding], { users: [user], units }))[0];
    if (round >= 4) throw new AppError('CONFLICT', '你刚刚提交过申请，请刷新后再试');
    asking = (await readAsking(ctx.openid, ctx.now, input)).reading;
  }
}
