/**
 * 待审评论 (committee, from the desk's 待审评论): the comments on the community's topics that the
 * content check held for a person, oldest first, each with why it was held. 发布 lets residents
 * read it; 隐藏 asks for a reason its author reads. A row handled here stays, saying what was done,
 * so a hidden one can be 恢复 at once. Anyone else reads that the page is the committee's. Logic in ./view.
 */
import { Result } from '../../../generated/domain';
import { NO_RETRY, sendOnce } from '../../../services/api/idempotency';
import { myCouncilDesk } from '../../../services/council/council';
import { commentQueue, moderateComment } from '../../../services/council/deliberation';
import { CommentPage, CouncilComment } from '../../../services/council/types';
import { elderMode } from '../../../services/display/display';
import { askReason } from '../../../utils/ask-reason/ask-reason';
import { ListData, listData, loadFirst, loadMore } from '../../../utils/paged-list/paged-list';
import { loadEvents } from '../../../utils/page-events/page-events';
import { QueueRow, queueRow } from './view';

const rows = (items: CouncilComment[]): QueueRow[] => items.map(queueRow);

Page({
  ...loadEvents,
  data: { ...listData<QueueRow>(), elder: false, busy: '', message: '', messageKind: '' } as ListData<QueueRow> & { elder: boolean; busy: string; message: string; messageKind: '' | 'ok' | 'error' },

  communityId: '',
  retry: NO_RETRY,

  onLoad() {
    this.setData({ elder: elderMode() });
    void this.load();
  },

  load() {
    return loadFirst(
      this,
      async (): Promise<Result<CommentPage>> => {
        if (!this.communityId) {
          const desk = await myCouncilDesk();
          if (!desk.ok) return desk;
          this.communityId = desk.data.communityId;
        }
        return commentQueue(this.communityId);
      },
      rows,
    );
  },

  loadMore() {
    return loadMore(this, (cursor) => commentQueue(this.communityId, cursor), rows);
  },

  onReachBottom() {
    void this.loadMore();
  },

  onMore() {
    void this.loadMore();
  },

  /** One decision on one comment; its row is replaced by the answer, in place. */
  async decide(id: string, decision: 'hide' | 'publish', reason: string | undefined, done: string) {
    if (this.data.busy) return;
    this.setData({ busy: id, message: '', messageKind: '' });
    const { sent, memo } = await sendOnce(this.retry, `${id}/${decision}/${reason || ''}`, (key) => moderateComment(id, decision, reason, key));
    this.retry = memo;
    if (!sent.ok) return this.setData({ busy: '', message: sent.error.message, messageKind: 'error' });
    const i = this.data.rows.findIndex((r) => r.id === id);
    this.setData({ busy: '', message: done, messageKind: 'ok', ...(i >= 0 ? { [`rows[${i}]`]: queueRow(sent.data) } : {}) });
  },

  async onHideComment(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
    const id = String(e.currentTarget.dataset.id || '');
    if (!id || this.data.busy) return;
    const reason = await askReason({
      title: '隐藏这条评论',
      placeholder: '写明理由：作者会看到',
      confirmText: '隐藏',
      tooShort: '理由至少 2 个字',
      onTooShort: (message) => this.setData({ message, messageKind: 'error' }),
    });
    if (reason) await this.decide(id, 'hide', reason, '已隐藏，作者会看到理由');
  },

  onPublish(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string; restores: boolean }>) {
    const id = String(e.currentTarget.dataset.id || '');
    if (id) return this.decide(id, 'publish', undefined, e.currentTarget.dataset.restores ? '已恢复，居民可见' : '已发布，居民可见');
  },

  onTopic(e: WechatMiniprogram.BaseEvent<Record<string, never>, { topic: string }>) {
    const id = String(e.currentTarget.dataset.topic || '');
    if (id) wx.navigateTo({ url: `/packageCouncil/pages/topic/topic?id=${encodeURIComponent(id)}` });
  },
});
