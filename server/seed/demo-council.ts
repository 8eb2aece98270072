import { DAY_MS, SUPPORT_DAYS } from '../../domain/council';
import { BodyDoc } from '../repositories/council-bodies';
import { TopicDoc } from '../repositories/council-topics';

/**
 * The demo community's consultation bodies, 1+1+1 of Nanxiang's 1+7+49: the community council
 * 群英荟, one self-governance council under it and one working committee under that; and one
 * topic waiting for supports, 楼道堆物清理.
 */
export const DEMO_COUNCIL = {
  council: 'demo-council-qunyinghui',
  selfGovernance: 'demo-council-grid-1',
  workingCommittee: 'demo-council-building-1',
  topic: 'demo-topic-corridor',
} as const;

export function demoCouncil(now: Date, communityId: string, gridId: string, buildingId: string): { councilBodies: BodyDoc[]; councilTopics: TopicDoc[] } {
  const body = (_id: string, parentId: string | null, kind: BodyDoc['kind'], name: string, scope: BodyDoc['scope'], convener: string | null, members: string[]): BodyDoc => ({
    _id,
    communityId,
    parentId,
    kind,
    name,
    scope,
    convener,
    members,
    createdAt: now,
    updatedAt: now,
  });
  const councilBodies = [
    body(DEMO_COUNCIL.council, null, 'council', '群英荟', { kind: 'community' }, 'demo-committee', ['demo-volunteer-1', 'demo-resident-1']),
    body(DEMO_COUNCIL.selfGovernance, DEMO_COUNCIL.council, 'selfGovernance', '第1微网格自治议事会', { kind: 'grids', ids: [gridId] }, 'demo-gridworker-1', ['demo-resident-5']),
    body(DEMO_COUNCIL.workingCommittee, DEMO_COUNCIL.selfGovernance, 'workingCommittee', '1号楼楼道自治小组', { kind: 'buildings', ids: [buildingId] }, 'demo-resident-1', ['demo-resident-9']),
  ];
  const topic: TopicDoc = {
    _id: DEMO_COUNCIL.topic,
    communityId,
    bodyId: DEMO_COUNCIL.workingCommittee,
    bodyName: '1号楼楼道自治小组',
    scope: { kind: 'buildings', ids: [buildingId] },
    title: '楼道堆物清理',
    content: '1号楼楼道里堆放了纸箱、旧家具和电动车电池，堵塞消防通道，建议全楼统一清理并约定不再堆放。',
    photos: [],
    stage: 'proposed',
    proposerOpenid: 'demo-resident-1',
    proposerName: '王秀英',
    supports: 0,
    threshold: 10,
    supportUntil: new Date(now.getTime() + SUPPORT_DAYS * DAY_MS),
    screenBy: null,
    screeningOverdue: false,
    declineReason: null,
    voteId: null,
    createdAt: now,
    updatedAt: now,
  };
  return { councilBodies, councilTopics: [topic] };
}
