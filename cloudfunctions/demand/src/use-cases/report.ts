import { z } from 'zod/mini';
import { demandContract } from '../../../../domain/contract/demand';
import { clockFor } from '../../../../domain/demands/clock';
import { nearestBuilding } from '../../../../domain/demands/geo';
import { isMobileGridWorkerOf, leaderBuildings } from '../../../../domain/demands/access';
import { Demand, isOwnDemandPhoto } from '../../../../domain/demands/model';
import { canManageCommunity } from '../../../../domain/permissions';
import { AppError } from '../../../../domain/result';
import { CALENDAR } from '../../../../server/holidays';
import { newId } from '../../../../server/kit/ids';
import { RequestContext } from '../../../../server/kit/router';
import { SCENE, checkText } from '../../../../server/moderation';
import { CategoryDoc, categoryWithUnits } from '../../../../server/repositories/demand-categories';
import { insertDemand } from '../../../../server/repositories/demands';
import { UnitDoc } from '../../../../server/repositories/units';
import { UserDoc, getUser } from '../../../../server/repositories/users';
import { demandView, viewerOf } from '../views';

type Input = z.infer<typeof demandContract.report.input>;

/**
 * 我要反映. Everything is checked before anything is written: who may report for whom and through
 * which channel, the category and place belong to the community, the photos are the caller's own
 * uploads, and the text passes the content check. A new demand goes to its grid (urgent ones to the
 * community) with its accept deadline running.
 */
export async function report(input: Input, ctx: RequestContext): Promise<Demand> {
  const { subject, communityId } = await whoFor(input, ctx);
  // The category with its community's units (for the building and grid) in one request.
  const { category, units } = await categoryIn(input.categoryId, communityId);
  const photos = input.photos ?? [];
  if (photos.some((p) => !isOwnDemandPhoto(p, ctx.openid))) throw new AppError('INVALID_ARGUMENT', '照片需是你自己刚上传的，请重新选择照片');
  const atHome = ctx.user.communityId === communityId && ctx.user.buildingId !== null;
  const mobile = subject.own && !atHome && isMobileGridWorkerOf(ctx.user.roles, communityId);
  if (mobile && (!input.location || photos.length === 0)) throw new AppError('INVALID_ARGUMENT', '随手拍请带上位置和至少一张照片');
  const { building, grid } = placeIn(units, input.buildingId, input.location, subject.user, communityId);
  await checkText(ctx.openid, SCENE.post, input.text);

  const urgent = input.urgent === true || category.deadlineClass === 'urgent';
  const deadlineClass = urgent ? 'urgent' : category.deadlineClass;
  const level = urgent ? 'community' : 'grid';
  const onBehalf = !subject.own;
  const doc = await insertDemand({
    _id: newId(ctx.now),
    communityId,
    gridId: grid._id,
    gridName: grid.name,
    buildingId: building?._id ?? null,
    buildingName: building?.name ?? null,
    kind: category.kind,
    categoryId: category._id,
    categoryName: category.name,
    deadlineClass,
    text: input.text,
    photos,
    location: input.location ?? building?.location ?? null,
    urgent,
    anonymous: input.anonymous === true,
    channel: input.channel ?? 'app',
    reporter: subject.user._id,
    reporterName: subject.user.displayName,
    enteredBy: onBehalf ? ctx.openid : null,
    enteredByName: onBehalf ? ctx.user.displayName : null,
    followers: onBehalf ? [subject.user._id, ctx.openid] : [ctx.openid],
    state: 'submitted',
    level,
    open: true,
    handler: null,
    handlerName: null,
    ...clockFor('submitted', deadlineClass, ctx.now, CALENDAR),
    misses: [],
    reopenedAt: [],
    extended: false,
    parked: null,
    rejectedReason: null,
    duplicateOf: null,
    rating: null,
    closedHow: null,
    meToo: [],
    meTooCount: 0,
    timeline: [
      {
        at: ctx.now,
        action: 'report',
        actorKind: 'reporter',
        actor: ctx.openid,
        actorName: ctx.user.displayName,
        level,
        toLevel: null,
        note: input.channel && input.channel !== 'app' ? (input.channel === 'phone' ? '来电登记' : '走访登记') : null,
        photos,
        missed: null,
      },
    ],
    createdAt: ctx.now,
    acceptedAt: null,
    resolvedAt: null,
    closedAt: null,
    updatedAt: ctx.now,
  });
  return demandView(doc, viewerOf(ctx.user), ctx.now, { timeline: true });
}

/**
 * Whose demand it is and in which community. Only a building leader (for a resident of their
 * building) or the committee (for a resident of their community) reports for someone else; only
 * the committee records a phone call or a visit; people reporting outside their home community are
 * its mobile grid workers, grid workers or committee.
 */
async function whoFor(input: Input, ctx: RequestContext): Promise<{ subject: { user: UserDoc; own: boolean }; communityId: string }> {
  const roles = ctx.user.roles;
  if (input.onBehalfOf && input.onBehalfOf !== ctx.openid) {
    const resident = await getUser(input.onBehalfOf);
    if (!resident || !resident.communityId || !resident.buildingId) throw new AppError('NOT_FOUND', '没有找到这位已绑定楼组的居民');
    const leader = leaderBuildings(roles, resident.communityId).includes(resident.buildingId);
    if (!leader && !canManageCommunity(roles, resident.communityId)) throw new AppError('PERMISSION_DENIED', '只有楼组长（本楼居民）或居委会可以代居民反映');
    if (input.communityId && input.communityId !== resident.communityId) throw new AppError('INVALID_ARGUMENT', '这位居民不在该居民区');
    if (input.channel && input.channel !== 'app' && !canManageCommunity(roles, resident.communityId)) throw new AppError('PERMISSION_DENIED', '只有居委会可以登记来电或走访');
    return { subject: { user: resident, own: false }, communityId: resident.communityId };
  }
  const communityId = input.communityId ?? ctx.user.communityId ?? roles.flatMap((r) => ('communityId' in r ? [r.communityId] : []))[0];
  if (!communityId) throw new AppError('FAILED_PRECONDITION', '请先绑定你所在的楼组，再反映诉求');
  const home = ctx.user.communityId === communityId && ctx.user.buildingId !== null;
  const worker = isMobileGridWorkerOf(roles, communityId) || roles.some((r) => r.role === 'gridWorker' && r.communityId === communityId);
  const committee = canManageCommunity(roles, communityId);
  if (!home && !worker && !committee) throw new AppError('PERMISSION_DENIED', '请先绑定这个居民区的楼组，再反映诉求');
  if (input.channel && input.channel !== 'app' && !committee) throw new AppError('PERMISSION_DENIED', '只有居委会可以登记来电或走访');
  return { subject: { user: ctx.user, own: true }, communityId };
}

async function categoryIn(categoryId: string, communityId: string): Promise<{ category: CategoryDoc; units: UnitDoc[] }> {
  const found = await categoryWithUnits(categoryId);
  if (!found || found.category.communityId !== communityId || found.category.archived) throw new AppError('INVALID_ARGUMENT', '这个类别不属于该居民区，请重新选择');
  return found;
}

/** The building (given, snapped from a location, or the resident's own) and its grid, among the community's units. */
function placeIn(units: UnitDoc[], buildingId: string | undefined, location: Input['location'], subject: UserDoc, communityId: string): { building: UnitDoc | null; grid: UnitDoc } {
  const buildings = units.filter((u) => u.kind === 'building' && !u.archived);
  let building: UnitDoc | null = null;
  if (buildingId) {
    building = buildings.find((b) => b._id === buildingId) ?? null;
    if (!building) throw new AppError('INVALID_ARGUMENT', '这个楼组不在该居民区');
  } else if (location) {
    building = nearestBuilding(location, buildings);
    if (!building) throw new AppError('INVALID_ARGUMENT', '这个位置不在本居民区附近，请选择楼组');
  } else if (subject.communityId === communityId && subject.buildingId) {
    building = buildings.find((b) => b._id === subject.buildingId) ?? null;
  }
  if (!building) throw new AppError('INVALID_ARGUMENT', '请选择楼组或带上位置');
  const grid = units.find((u) => u._id === building!.parentId && u.kind === 'grid');
  if (!grid) throw new AppError('NOT_FOUND', '这个楼组不属于任何网格');
  return { building, grid };
}
