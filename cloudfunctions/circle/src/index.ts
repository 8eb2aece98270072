// Function `circle`: the neighbourhood circle (友邻圈): posts, notices, feed, comments, likes, reports and moderation.
import { circleContract } from '../../../domain/contract/circle';
import { onFirstCall } from '../../../server/kit/on-first-call';
import { createFunction } from '../../../server/kit/router';

const browse = onFirstCall(() => import('./use-cases/browse'));
const engage = onFirstCall(() => import('./use-cases/engage'));
const moderate = onFirstCall(() => import('./use-cases/moderate'));
const mediaVerdict = onFirstCall(() => import('./use-cases/media-verdict'));
const publish = onFirstCall(() => import('./use-cases/publish'));
const timers = onFirstCall(() => import('./use-cases/timers'));

export const main = createFunction(
  'circle',
  circleContract,
  {
    post: publish.post,
    notice: publish.notice,
    feed: browse.feed,
    get: browse.get,
    comment: engage.comment,
    like: engage.like,
    unlike: engage.unlike,
    resolve: publish.resolve,
    report: moderate.report,
    hide: moderate.hide,
    restore: moderate.restore,
    remove: moderate.remove,
    reviewQueue: moderate.reviewQueue,
    moderate: moderate.moderate,
    reports: moderate.reports,
  },
  [
    // The one timer trigger (config.json, every 5 minutes) runs these in order, each in its own budget.
    // Like and report counters a call left off by one (it died between its two writes) are recounted.
    { name: 'recountCounts', budgetMs: 5000, run: timers.recountCounts },
  ],
  {
    // WeChat pushes each image's media-check verdict here (configure 消息推送 → 云函数 circle, event wxa_media_check).
    messages: { wxa_media_check: mediaVerdict.mediaVerdict },
  },
);
