import { Emulator } from '../../emulator/app';
import { call } from '../helpers/app';
import { COMMITTEE, DAY, age, openHouseholdVote, proposeTopic } from './council-fixtures';
import { Actor, COMMUNITY, everything, okCall } from './neighbourhood';
import { MANAGERS, Row, itTriesEveryCell, neighbourhoodApp } from './permission-table';

/**
 * Who may do what in consultation: the committee of the community (and admins) keep the bodies,
 * screen topics, open and close votes and enter paper ballots; bound residents of a body's scope
 * propose, support and vote (the committee member here is bound in the demo community too); anyone
 * reads the public record. A refused call changes nothing.
 */

/** Bound to a building of the demo community in the seed. */
const RESIDENTS: readonly Actor[] = ['resident', 'volunteer', 'gridWorker', 'committee'];

let bodyId: string | null = null;
async function communityBody(e: Emulator): Promise<string> {
  bodyId ??= (
    await okCall(e, COMMITTEE, 'council', 'saveBody', {
      communityId: COMMUNITY,
      parentId: null,
      kind: 'council',
      name: '群英荟',
      scope: { kind: 'community' },
      convener: null,
      members: [],
    })
  ).id;
  return bodyId as string;
}

/** A fresh topic of the community body, moved straight to `stage` (its way there is the model test's business). */
async function topicAt(e: Emulator, stage: string): Promise<string> {
  const topicId = await proposeTopic(e, await communityBody(e), COMMITTEE, '加装电梯');
  if (stage !== 'proposed') await e.db.update('council_topics', { _id: topicId }, { $set: { stage } }, { multi: false, merge: true, upsert: false });
  return topicId;
}

async function openVote(e: Emulator): Promise<string> {
  return openHouseholdVote(e, await topicAt(e, 'accepted'));
}

const TABLE: Row[] = [
  {
    action: 'saveBody',
    what: 'set up a consultation body',
    allowed: MANAGERS,
    input: () => ({
      communityId: COMMUNITY,
      parentId: null,
      kind: 'selfGovernance',
      name: '自治议事会',
      scope: { kind: 'grids', ids: ['demo-grid-1'] },
      convener: 'demo-resident-1',
      members: ['demo-resident-2'],
    }),
  },
  { action: 'bodies', what: "list the community's bodies", allowed: 'everyone', input: () => ({ communityId: COMMUNITY }) },
  {
    action: 'propose',
    what: 'propose a topic to the community council',
    allowed: [...RESIDENTS, 'admin'],
    input: async (e) => ({ bodyId: await communityBody(e), title: '楼道堆物清理', content: '楼道里堆物太多，建议统一清理。' }),
  },
  { action: 'support', what: 'support a proposed topic (附议)', allowed: RESIDENTS, input: async (e) => ({ topicId: await topicAt(e, 'proposed') }) },
  { action: 'screen', what: 'accept a topic in screening', allowed: MANAGERS, input: async (e) => ({ topicId: await topicAt(e, 'screening'), decision: 'accept' }) },
  { action: 'topics', what: 'read every topic of the community', allowed: 'everyone', input: () => ({ communityId: COMMUNITY }) },
  { action: 'topic', what: 'read a topic', allowed: 'everyone', input: async (e) => ({ topicId: await topicAt(e, 'proposed') }) },
  {
    action: 'openVote',
    what: 'put an accepted topic to a vote',
    allowed: MANAGERS,
    input: async (e) => ({ topicId: await topicAt(e, 'accepted'), question: '是否同意？', options: ['同意', '不同意'], maxChoices: 1, unit: 'household', days: 3 }),
  },
  { action: 'castVote', what: 'vote for their household', allowed: RESIDENTS, input: async (e) => ({ voteId: await openVote(e), choices: [0] }) },
  {
    action: 'paperBallot',
    what: "enter a household's paper ballot",
    allowed: MANAGERS,
    input: async (e) => ({ voteId: await openVote(e), buildingId: 'demo-building-2', room: '202', choices: [1] }),
  },
  {
    action: 'closeVote',
    what: 'close a vote whose window has passed',
    allowed: MANAGERS,
    input: async (e) => {
      const voteId = await openVote(e);
      await age(e, 'council_votes', voteId, ['opensAt', 'closesAt'], 3 * DAY + 120_000);
      return { voteId };
    },
  },
  { action: 'vote', what: 'see a vote and its turnout', allowed: 'everyone', input: async (e) => ({ voteId: await openVote(e) }) },
];

describe('council permissions', () => {
  const app = neighbourhoodApp();
  itTriesEveryCell(app, 'council', TABLE, (res) => {
    expect(res.ok).toBe(false);
    expect(res.error.code).toBe('PERMISSION_DENIED');
    expect(res.error.message).toMatch(/居委会|居民/);
  });

  it('bad input is refused before any write: operator objects, unknown fields, a vote window outside 3–7 days, a decline without reason', async () => {
    const e = app.emulator;
    const topicId = await topicAt(e, 'accepted');
    const screening = await topicAt(e, 'screening');
    const before = everything(e);
    const cases: [string, unknown][] = [
      ['support', { topicId: { $ne: null } }],
      ['propose', { bodyId: await communityBody(e), title: '标题', content: 'x'.repeat(2001) }],
      ['propose', { bodyId: await communityBody(e), title: '标题', content: '内容足够长了吗', photos: Array(10).fill('cloud://env.b/a.jpg') }],
      ['openVote', { topicId, question: '是否同意？', options: ['同意', '不同意'], maxChoices: 1, unit: 'household', days: 8 }],
      ['openVote', { topicId, question: '是否同意？', options: ['同意', '不同意'], maxChoices: 3, unit: 'household', days: 3 }],
      ['openVote', { topicId, question: '是否同意？', options: ['同意'], maxChoices: 1, unit: 'household', days: 3 }],
      ['screen', { topicId: screening, decision: 'decline' }],
      ['castVote', { voteId: 'x', choices: [0], extra: 1 }],
    ];
    for (const [action, data] of cases) {
      const res = await call(e, COMMITTEE, 'council', action, data);
      expect(res.error?.code).toBe('INVALID_ARGUMENT');
      expect(res.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(everything(e)).toEqual(before);
  }, 120_000);
});
