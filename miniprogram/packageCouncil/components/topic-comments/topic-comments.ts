/**
 * 讨论: a topic's comments, oldest first, 20 at a time (加载更多), the box to write one while the
 * topic is open, and, for the committee, 隐藏 with a reason its author reads. Loads itself from
 * `topicId`; a refusal is said in words under the box.
 */
import { Result } from '../../../generated/domain';
import { NO_RETRY, RetryMemo, sendOnce } from '../../../services/api/idempotency';
import { comment, comments, hideComment } from '../../../services/council/deliberation';
import { CommentRow, commentRow } from '../../../services/council/present-deliberation';
import { askReason } from '../../../utils/ask-reason/ask-reason';

/** Per component: the next page's cursor and the write to retry with the same key. */
const state = new WeakMap<object, { cursor: string | null; retry: RetryMemo }>();
const stateOf = (owner: object) => {
  let s = state.get(owner);
  if (!s) state.set(owner, (s = { cursor: null, retry: NO_RETRY }));
  return s;
};

Component({
  properties: {
    topicId: { type: String, value: '' },
    /** The topic takes comments (from its proposal until the vote closes). */
    open: { type: Boolean, value: false },
    committee: { type: Boolean, value: false },
  },
  data: {
    rows: [] as CommentRow[],
    loading: true,
    loadError: '',
    more: false,
    draft: '',
    busy: false,
    message: '',
    messageKind: '' as 'ok' | 'error' | '',
  },

  observers: {
    topicId(id: string) {
      if (id) void this.load();
    },
  },

  methods: {
    async load() {
      this.setData({ loading: true, loadError: '' });
      const got = await comments(this.data.topicId);
      if (!got.ok) return this.setData({ loading: false, loadError: got.error.message });
      stateOf(this).cursor = got.data.nextCursor;
      this.setData({ loading: false, rows: got.data.items.map((c) => commentRow(c, this.data.committee)), more: got.data.nextCursor !== null });
    },

    async onMore() {
      const s = stateOf(this);
      if (!s.cursor || this.data.busy) return;
      this.setData({ busy: true });
      const got = await comments(this.data.topicId, s.cursor);
      if (!got.ok) return this.setData({ busy: false, message: got.error.message, messageKind: 'error' });
      s.cursor = got.data.nextCursor;
      const start = this.data.rows.length;
      const patch: Record<string, unknown> = { busy: false, more: got.data.nextCursor !== null };
      got.data.items.forEach((c, i) => (patch[`rows[${start + i}]`] = commentRow(c, this.data.committee)));
      this.setData(patch);
    },

    onDraft(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ draft: e.detail.value, message: '', messageKind: '' });
    },

    /** One write; on success the comments are read again and `done` said. */
    async write<T>(request: string, send: (key: string) => Promise<Result<T>>, done: string): Promise<boolean> {
      const s = stateOf(this);
      this.setData({ busy: true, message: '', messageKind: '' });
      const { sent, memo } = await sendOnce(s.retry, request, send);
      s.retry = memo;
      this.setData({ busy: false });
      if (!sent.ok) {
        this.setData({ message: sent.error.message, messageKind: 'error' });
        return false;
      }
      await this.load();
      this.setData({ message: done, messageKind: 'ok' });
      return true;
    },

    async onSend() {
      const content = this.data.draft.trim();
      if (this.data.busy) return;
      if (!content) return this.setData({ message: '请先写下您的意见', messageKind: 'error' });
      const topicId = this.data.topicId;
      if (await this.write(`comment/${topicId}/${content}`, (key) => comment(topicId, content, key), '已发表')) this.setData({ draft: '' });
    },

    async onHide(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
      const id = String(e.currentTarget.dataset.id || '');
      if (!id || this.data.busy) return;
      const reason = await askReason({
        title: '隐藏这条评论',
        placeholder: '写明理由：作者会看到',
        confirmText: '隐藏',
        tooShort: '理由至少 2 个字',
        onTooShort: (message) => this.setData({ message, messageKind: 'error' }),
      });
      if (reason) await this.write(`hide/${id}/${reason}`, (key) => hideComment(id, reason, key), '已隐藏，作者会看到理由');
    },
  },
});
