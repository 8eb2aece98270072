/**
 * What the consultation pages (议事协商) need from function `council`, typed by the contract. Writes
 * take an idempotency key (the pages keep it with sendOnce, so a retry after a lost answer applies once).
 */
import { ActionOutput, Profile, Result } from '../../generated/domain';
import { callApi } from '../api/api';
import { getMe } from '../user/user';
import { councilDeskOf } from './desk';
import { Body, BodyChange, BodyPage, Member, NewTopic, NewVote, PaperBallot, Topic, TopicDetail, TopicPage, TopicStage, Vote } from './types';

export * from './types';
export * from './desk';

type Voted = ActionOutput<'council', 'castVote'>;

/** The community's topics, newest first, of one stage or all, of one body or all. */
export function topics(communityId: string, stage?: TopicStage, cursor?: string, bodyId?: string): Promise<Result<TopicPage>> {
  return callApi('council', 'topics', { communityId, ...(stage ? { stage } : {}), ...(bodyId ? { bodyId } : {}), ...(cursor ? { cursor } : {}) });
}

/** One topic, with whether my household supported it and voted on it (never how). */
export function topic(topicId: string): Promise<Result<TopicDetail>> {
  return callApi('council', 'topic', { topicId });
}

export function bodies(communityId: string, cursor?: string): Promise<Result<BodyPage>> {
  return callApi('council', 'bodies', { communityId, ...(cursor ? { cursor } : {}) });
}

/** Every body of the community, page after page (a community has a handful to a few dozen). */
export async function allBodies(communityId: string, maxPages = 5): Promise<Result<Body[]>> {
  const out: Body[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < maxPages; i++) {
    const got = await bodies(communityId, cursor);
    if (!got.ok) return got;
    out.push(...got.data.items);
    if (!got.data.nextCursor) break;
    cursor = got.data.nextCursor;
  }
  return { ok: true, data: out };
}

export function propose(input: NewTopic, idempotencyKey: string): Promise<Result<Topic>> {
  return callApi('council', 'propose', input, { idempotencyKey });
}

/** 附议, for my household. */
export function support(topicId: string, idempotencyKey: string): Promise<Result<Topic>> {
  return callApi('council', 'support', { topicId }, { idempotencyKey });
}

export function screen(topicId: string, decision: 'accept' | 'decline', reason: string | undefined, idempotencyKey: string): Promise<Result<Topic>> {
  return callApi('council', 'screen', reason === undefined ? { topicId, decision } : { topicId, decision, reason }, { idempotencyKey });
}

export function openVote(input: NewVote, idempotencyKey: string): Promise<Result<Vote>> {
  return callApi('council', 'openVote', input, { idempotencyKey });
}

export function castVote(voteId: string, choices: number[], idempotencyKey: string): Promise<Result<Voted>> {
  return callApi('council', 'castVote', { voteId, choices }, { idempotencyKey });
}

export function paperBallot(input: PaperBallot, idempotencyKey: string): Promise<Result<Voted>> {
  return callApi('council', 'paperBallot', input, { idempotencyKey });
}

export function closeVote(voteId: string, idempotencyKey: string): Promise<Result<Vote>> {
  return callApi('council', 'closeVote', { voteId }, { idempotencyKey });
}

export function saveBody(change: BodyChange, idempotencyKey: string): Promise<Result<Body>> {
  return callApi('council', 'saveBody', change, { idempotencyKey });
}

export async function myCouncilDesk(): Promise<Result<{ communityId: string; me: Profile }>> {
  const me = await getMe();
  if (!me.ok) return me;
  const desk = councilDeskOf(me.data);
  return desk.ok ? { ok: true, data: { communityId: desk.data.communityId, me: me.data } } : desk;
}

/** A committee page that loads: what it shows while loading, and why it cannot. */
export interface LoadingPage {
  setData(data: { loading: boolean; loadError: string }): void;
}

/**
 * A consultation page's first step: the page shows it is loading, and the committee's desk comes
 * back, or null with the page told why (a visitor, a resident without the role) in `loadError`.
 */
export async function deskOf(page: LoadingPage): Promise<{ communityId: string; me: Profile } | null> {
  page.setData({ loading: true, loadError: '' });
  const desk = await myCouncilDesk();
  if (desk.ok) return desk.data;
  page.setData({ loading: false, loadError: desk.error.message });
  return null;
}

/** The community's residents (of one building if given) for choosing a body's members or a paper ballot's voter (committee only; up to `maxPages` of 20). */
export async function residents(communityId: string, maxPages = 5, buildingId?: string): Promise<Result<Member[]>> {
  const out: Member[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < maxPages; i++) {
    const got = await callApi('user', 'listMembers', { communityId, ...(buildingId ? { buildingId } : {}), ...(cursor ? { cursor } : {}) });
    if (!got.ok) return got;
    out.push(...got.data.items);
    if (!got.data.nextCursor) break;
    cursor = got.data.nextCursor;
  }
  return { ok: true, data: out };
}
