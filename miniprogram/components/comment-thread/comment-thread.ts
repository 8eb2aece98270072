/**
 * The comments under a post (帖子详情): the first page as the post came with it (`first`), 加载更多评论
 * for the rest, 回复 to a comment, and the box to write one (while the post is `open`). My comment goes
 * last when every comment is on screen; otherwise it comes with the later pages. Events: `say`
 * ({ message, kind }) for the page's message line, `report` ({ id }) for 举报 on a comment.
 * The page's styles apply here (apply-shared), so the thread looks like the rest of the post.
 */
import { commentContentSchema } from '../../generated/domain';
import { CircleComment, CommentPage, addComment, getPost } from '../../services/circle/circle';
import { CommentView, commentView, replyName } from '../../pages/post-detail/view';

/** At most this many comments cross to the view in one setData. */
const APPEND_MAX = 20;

/** Per thread: comment authors by comment id (for the names replies show), and the next page's cursor. */
interface Thread {
  names: Map<string, string>;
  cursor: string | null;
  /** The first page last shown, as text: the page hands it down again on every render. */
  shown: string;
}
const threads = new WeakMap<object, Thread>();
function threadOf(owner: object): Thread {
  let thread = threads.get(owner);
  if (!thread) threads.set(owner, (thread = { names: new Map(), cursor: null, shown: '' }));
  return thread;
}

Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    postId: { type: String, value: '' },
    /** Published: comments may be written, replied to and reported. */
    open: { type: Boolean, value: false },
    /** The first page of comments, as the post came. */
    first: { type: Object, optionalTypes: [null], value: null as CommentPage | null },
    /** How many published comments the post has. */
    count: { type: Number, value: 0 },
  },
  data: {
    comments: [] as CommentView[],
    total: 0,
    moreComments: false,
    loadingComments: false,
    draft: '',
    /** The comment I am replying to ('' for a comment on the post) and its author's name. */
    replyId: '',
    replyName: '',
    sending: false,
  },

  observers: {
    'first, count'(first: CommentPage | null, count: number) {
      const thread = threadOf(this);
      const shown = JSON.stringify([first, count]);
      if (shown === thread.shown) return;
      thread.shown = shown;
      thread.names = new Map();
      thread.cursor = first ? first.nextCursor : null;
      const comments = this.views(first ? first.items.slice(0, APPEND_MAX) : []);
      this.setData({ comments, total: count, moreComments: thread.cursor !== null });
    },
  },

  methods: {
    views(comments: CircleComment[]): CommentView[] {
      const now = Date.now();
      const names = threadOf(this).names;
      for (const c of comments) names.set(c.id, replyName(c));
      return comments.map((c) => commentView(c, names, now));
    },

    /** Adds comments below those shown, by path, so only the new ones cross to the view. */
    append(views: CommentView[], extra: Record<string, unknown> = {}) {
      const patch: Record<string, unknown> = { ...extra };
      const start = this.data.comments.length;
      views.slice(0, APPEND_MAX).forEach((view, i) => {
        patch[`comments[${start + i}]`] = view;
      });
      this.setData(patch);
    },

    say(message: string, kind: 'ok' | 'error' | '') {
      this.triggerEvent('say', { message, kind });
    },

    async onMore() {
      const thread = threadOf(this);
      const cursor = thread.cursor;
      if (!cursor || this.data.loadingComments) return;
      this.setData({ loadingComments: true });
      const got = await getPost(this.data.postId, cursor);
      if (!got.ok) {
        this.setData({ loadingComments: false });
        this.say(got.error.message, 'error');
        return;
      }
      thread.cursor = got.data.comments.nextCursor;
      // My own comment, added below while more were unread, may come again in this page.
      const shown = new Set(this.data.comments.map((c) => c.id));
      const fresh = got.data.comments.items.filter((c) => !shown.has(c.id));
      this.append(this.views(fresh), { loadingComments: false, moreComments: thread.cursor !== null });
    },

    onDraftInput(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ draft: e.detail.value });
    },

    onReply(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id?: string }>) {
      const id = e.currentTarget.dataset.id || '';
      const target = this.data.comments.find((c) => c.id === id);
      if (!target || !target.open) return;
      this.setData({ replyId: id, replyName: threadOf(this).names.get(id) || '' });
      this.say('', '');
    },

    onCancelReply() {
      this.setData({ replyId: '', replyName: '' });
    },

    onReport(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id?: string }>) {
      const id = e.currentTarget.dataset.id || '';
      if (id) this.triggerEvent('report', { id });
    },

    async onSend() {
      if (!this.data.open || this.data.sending) return;
      const checked = commentContentSchema.safeParse(this.data.draft);
      if (!checked.success) {
        this.say(checked.error.issues[0]?.message || '请写下评论', 'error');
        return;
      }
      this.setData({ sending: true });
      this.say('', '');
      const sent = await addComment(this.data.postId, checked.data, this.data.replyId || undefined);
      if (!sent.ok) {
        // The draft stays, so nothing written is lost.
        this.setData({ sending: false });
        this.say(sent.error.message, 'error');
        return;
      }
      const c = sent.data;
      const extra: Record<string, unknown> = { sending: false, draft: '', replyId: '', replyName: '' };
      if (c.status === 'published') extra.total = this.data.total + 1;
      if (!this.data.moreComments) this.append(this.views([c]), extra);
      else this.setData(extra);
      this.say(c.status === 'published' ? '评论已发布' : '评论需要人工审核，审核通过后邻居们才能看到', 'ok');
    },
  },
});
