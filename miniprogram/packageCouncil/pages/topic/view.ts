/**
 * 议题 (pure): what the topic page shows from the function's answer and who is looking: the text
 * and photos, the supports and whether this household may still 附议, the screening's answer, the
 * vote as a ballot or a result, and the committee's moves at this stage.
 */
import { Profile, canManageCommunity } from '../../../generated/domain';
import { SupportView, VoteView, mineText, screeningText, stageText, supportView, voteView } from '../../../services/council/present';
import { Scope, TopicDetail, TopicStage } from '../../../services/council/types';
import { shanghaiDateTime } from '../../../utils/time';

/** The stages that take comments, as the function's COMMENT_STAGES (domain/council-deliberation): from the proposal until the vote closes. */
const COMMENT_STAGES: readonly TopicStage[] = ['proposed', 'screening', 'accepted', 'deliberating', 'voting'];
/** The stages a meeting may be called at (听证/协调 until the vote closes, 评议 also while carried out), as meetingStageProblem. */
const MEETING_STAGES: readonly TopicStage[] = ['accepted', 'deliberating', 'voting', 'decided', 'in_progress'];

export interface TopicHead {
  id: string;
  title: string;
  body: string;
  stageText: string;
  content: string;
  photos: string[];
  proposed: string;
}

/** The committee's moves on this topic now: 审查 in screening, 发起表决 once accepted, 纸质票 and 结束表决 while voting, 启动落实 once decided; 召开会议 from acceptance until it is done. */
export interface CommitteeMoves {
  screen: boolean;
  meeting: boolean;
  openVote: boolean;
  paper: boolean;
  close: boolean;
  startProject: boolean;
}

export interface TopicScreen {
  head: TopicHead;
  support: SupportView | null;
  canSupport: boolean;
  supported: string;
  /** Why this viewer may not support (outside the body's scope, not bound); '' when they may or it is over. */
  cannotSupport: string;
  screening: string;
  vote: VoteView | null;
  voted: string;
  canVote: boolean;
  committee: CommitteeMoves | null;
  /** The committee of the topic's community: hides comments, publishes minutes and progress. */
  isCommittee: boolean;
  /** The topic takes comments (from its proposal until the vote closes). */
  commentsOpen: boolean;
}

/** Whether `me` lives in `scope` (the function has the last word; null when the scope is not known here). */
export function livesIn(scope: Scope | null, me: Profile): boolean | null {
  if (!scope) return null;
  if (scope.kind === 'community') return true;
  const place = scope.kind === 'grids' ? me.grid : me.building;
  return Boolean(place && scope.ids.includes(place.id));
}

export function topicScreen(d: TopicDetail, me: Profile | null, now: number, urlOf: (fileId: string) => string = (id) => id, scope: Scope | null = null): TopicScreen {
  const t = d.topic;
  const mine = mineText(d);
  const home = Boolean(me && me.building && me.room && me.community && me.community.id === t.communityId);
  const collecting = t.stage === 'proposed' && Date.parse(t.supportUntil) > now;
  const inScope = home && me ? livesIn(scope, me) !== false : false;
  const cannotSupport = !collecting || d.supportedByMyHousehold || (home && inScope) ? '' : home ? `只有${t.bodyName}议事范围内的居民可以附议` : '绑定本居民区的房屋后才能附议';
  const committee = me && canManageCommunity(me.roles, t.communityId);
  const vote = d.vote ? voteView(d.vote, now) : null;
  return {
    head: {
      id: t.id,
      title: t.title,
      body: t.bodyName,
      stageText: stageText(t),
      content: t.content,
      photos: t.photos.map(urlOf),
      proposed: `${t.proposerName} 提出 · ${shanghaiDateTime(t.createdAt)}`,
    },
    support: t.stage === 'proposed' || t.supports > 0 ? supportView(t, now) : null,
    canSupport: collecting && home && inScope && !d.supportedByMyHousehold,
    supported: mine.supported,
    cannotSupport,
    screening: screeningText(t),
    vote,
    voted: mine.voted,
    canVote: home && !d.myHouseholdVoted,
    committee: committee
      ? {
          screen: t.stage === 'screening',
          meeting: MEETING_STAGES.includes(t.stage),
          openVote: (t.stage === 'accepted' || t.stage === 'deliberating') && !t.voteId,
          paper: Boolean(vote && vote.open),
          close: Boolean(d.vote && d.vote.status === 'open'),
          startProject: t.stage === 'decided',
        }
      : null,
    isCommittee: Boolean(committee),
    commentsOpen: COMMENT_STAGES.includes(t.stage),
  };
}

export const hasCommitteeMove = (m: CommitteeMoves | null): boolean => Boolean(m && (m.screen || m.meeting || m.openVote || m.paper || m.close || m.startProject));
