import { call } from '../helpers/app';
import { COMMITTEE } from './council-fixtures';
import { COMMUNITY, everything } from './neighbourhood';
import { itTriesEveryCell, neighbourhoodApp } from './permission-table';
import { TABLE, communityBody, inHours, topicAt } from './council-permission-rows';

describe('council permissions', () => {
  const app = neighbourhoodApp();
  itTriesEveryCell(app, 'council', TABLE, (res) => {
    expect(res.ok).toBe(false);
    expect(res.error.code).toBe('PERMISSION_DENIED');
    expect(res.error.message).toMatch(/居委会|居民/);
  });

  it('bad input is refused before any write: operator objects, unknown fields, a vote window outside 3–7 days, a decline without reason, and the same for comments, meetings, progress and campaigns', async () => {
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
      ['comment', { topicId, content: '长'.repeat(501) }],
      ['moderateComment', { commentId: 'x', decision: 'delete' }],
      ['scheduleMeeting', { topicId, kind: 'party', place: { text: '会议室' }, startAt: inHours(3), endAt: inHours(5), capacity: 30 }],
      ['scheduleMeeting', { topicId, kind: 'hearing', place: { text: '会议室' }, startAt: inHours(3), endAt: inHours(5), capacity: 0 }],
      ['scheduleMeeting', { topicId, kind: 'hearing', place: { text: '会议室' }, startAt: inHours(-3), endAt: inHours(5), capacity: 10 }],
      ['publishMinutes', { meetingId: 'x', text: '太短' }],
      ['topicFromDemand', { demandId: 'x', bodyId: 'y', title: '题' }],
      ['reportProgress', { topicId, percent: 101, text: '超过了', day: '2026-12-01' }],
      ['reportProgress', { topicId, percent: 50, text: '一半', day: '12月1日' }],
      ['openCampaign', { communityId: COMMUNITY, title: '好邻居', nominees: [{ name: '王秀英' }], maxChoices: 1, days: 7 }],
      ['openCampaign', { communityId: COMMUNITY, title: '好邻居', nominees: [{ name: '王秀英' }, { name: '李建国' }], maxChoices: 3, days: 7 }],
      ['openCampaign', { communityId: COMMUNITY, title: '好邻居', nominees: [{ name: '王秀英' }, { name: '李建国' }], maxChoices: 1, days: 30 }],
      ['campaignVote', { campaignId: 'x', choices: [-1] }],
      ['campaignPaperBallot', { campaignId: 'x', buildingId: 'demo-building-2', room: '', choices: [0] }],
      ['campaignPaperBallot', { campaignId: 'x', buildingId: 'demo-building-2', room: '202', choices: [] }],
      ['topics', { communityId: COMMUNITY, bodyId: '' }],
      ['objectCampaign', { campaignId: 'x', reason: '' }],
      ['answerObjections', { campaignId: 'x', answer: '好'.repeat(501) }],
      ['threeRatings', { communityId: COMMUNITY, year: 1999 }],
    ];
    for (const [action, data] of cases) {
      const res = await call(e, COMMITTEE, 'council', action, data);
      expect(res.error?.code).toBe('INVALID_ARGUMENT');
      expect(res.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(everything(e)).toEqual(before);
  }, 120_000);
});
