/**
 * 居委会工作台 (committee): the community's name and the day's summary, the signups waiting for
 * approval one tap from here, and the menu of the committee's pages with what waits as badges where
 * it is cheap to count. Shapes from ./view.
 */
import { elderMode } from '../../../services/display/display';
import { myDesk, pendingBindings } from '../../services/community';
import { communityActivities } from '../../services/committee';
import { openReports, reviewQueue } from '../../services/moderation';
import { inbox } from '../../../services/demand/demand';
import { proofsToVerify, registrations, wishesToVet } from '../../services/party';
import { BINDINGS, DEMANDS, ENTRIES, MODERATION, SignupQueue, badge, signupQueue, summaryLine } from './view';

Page({
  data: {
    elder: false,
    community: '',
    summary: '',
    entries: ENTRIES,
    /** What waits, by entry url (a badge beside the entry; empty when nothing or unknown). */
    counts: {} as Record<string, string>,
    signups: { count: 0, url: '' } as SignupQueue,
  },

  onLoad() {
    this.setData({ elder: elderMode() });
  },

  onShow() {
    this.setData({ elder: elderMode() });
    void this.count();
  },

  /** One small page of each queue: a count that is off by a refresh is fine here. */
  async count() {
    const desk = await myDesk();
    if (!desk.ok) return;
    const communityId = desk.data.communityId;
    const [demands, posts, comments, reports, bindings, joining, wishes, proofs, activities] = await Promise.all([
      inbox({ scope: 'community', communityId }),
      reviewQueue(communityId, 'post'),
      reviewQueue(communityId, 'comment'),
      openReports(communityId),
      pendingBindings(communityId),
      registrations(communityId, 'pending'),
      wishesToVet(communityId),
      proofsToVerify(communityId),
      communityActivities(communityId),
    ]);
    const counts: Record<string, string> = {};
    if (demands.ok) counts[DEMANDS] = badge(demands.data);
    if (posts.ok && comments.ok) counts[MODERATION] = badge(posts.data, comments.data);
    if (reports.ok) counts['/packageCommittee/pages/reports/reports'] = badge(reports.data);
    if (bindings.ok) counts[BINDINGS] = badge(bindings.data);
    if (joining.ok) counts['/packageCommittee/pages/party-review/party-review'] = badge(joining.data);
    if (wishes.ok) counts['/packageCommittee/pages/party-tasks/party-tasks'] = badge(wishes.data);
    if (proofs.ok) counts['/packageCommittee/pages/party-verify/party-verify'] = badge(proofs.data);
    const signups = activities.ok ? signupQueue(activities.data.items) : { count: 0, url: '' };
    this.setData({ counts, signups, community: desk.data.communityName, summary: summaryLine(counts, signups.count) });
  },
});
