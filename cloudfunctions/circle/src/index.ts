// Function `circle`: the neighbourhood circle (友邻圈): posts, notices, feed, comments, likes, reports and moderation.
import { circleContract } from '../../../domain/contract/circle';
import { createFunction } from '../../../server/kit/router';
import { feed, get } from './use-cases/browse';
import { comment, like, unlike } from './use-cases/engage';
import { hide, moderate, remove, report, reports, restore, reviewQueue } from './use-cases/moderate';
import { mediaVerdict } from './use-cases/media-verdict';
import { notice, post, resolve } from './use-cases/publish';

export const main = createFunction(
  'circle',
  circleContract,
  {
    post,
    notice,
    feed,
    get,
    comment,
    like,
    unlike,
    resolve,
    report,
    hide,
    restore,
    remove,
    reviewQueue,
    moderate,
    reports,
  },
  [],
  {
    // WeChat pushes each image's media-check verdict here (configure 消息推送 → 云函数 circle, event wxa_media_check).
    messages: { wxa_media_check: mediaVerdict },
  },
);
