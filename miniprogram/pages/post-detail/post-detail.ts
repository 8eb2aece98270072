/**
 * 帖子详情 (from the feed, `?id=`): a post or notice in full with its pictures (tap to view them
 * large), like (shown at once, undone if the server refuses), comments and replies, more comments,
 * report (a reason from a list, or in words), and for my own mutual-help request 已解决. The author
 * is told in plain words when the post is still under review. Data from services/circle; display
 * shapes from ./view.
 */
import { commentContentSchema, reasonSchema } from '../../generated/domain';
import { CircleComment, PostDetail, ReportTarget, addComment, getPost, report, setLiked, setResolved } from '../../services/circle/circle';
import { elderMode } from '../../services/display/display';
import { imageUrls } from '../../services/storage/storage';
import { CommentView, OTHER_REASON, PostView, REPORTED, REPORT_REASONS, commentView, postView, replyName } from './view';

/** At most this many comments cross to the view in one setData. */
const APPEND_MAX = 20;

interface DetailData {
  elder: boolean;
  loading: boolean;
  loadError: string;
  post: PostView | null;
  liked: boolean;
  likeCount: number;
  comments: CommentView[];
  commentCount: number;
  moreComments: boolean;
  loadingComments: boolean;
  draft: string;
  /** The comment I am replying to ('' for a comment on the post) and its author's name. */
  replyId: string;
  replyName: string;
  sending: boolean;
  busy: boolean;
  message: string;
  messageKind: 'ok' | 'error' | '';
}

const initialData: DetailData = {
  elder: false,
  loading: true,
  loadError: '',
  post: null,
  liked: false,
  likeCount: 0,
  comments: [],
  commentCount: 0,
  moreComments: false,
  loadingComments: false,
  draft: '',
  replyId: '',
  replyName: '',
  sending: false,
  busy: false,
  message: '',
  messageKind: '',
};

type TapEvent = WechatMiniprogram.BaseEvent<Record<string, never>, { id?: string; index?: number }>;

Page({
  data: initialData,

  postId: '',
  cursor: null as string | null,
  /** Comment authors by comment id, for the names replies show. */
  names: new Map<string, string>(),
  liking: false,

  onLoad(query: Record<string, string | undefined>) {
    this.postId = query.id || '';
    this.names = new Map();
    this.setData({ elder: elderMode() });
    void this.load();
  },

  onShow() {
    this.setData({ elder: elderMode() });
  },

  onPullDownRefresh() {
    void this.load().then(() => wx.stopPullDownRefresh());
  },

  onRetry() {
    void this.load();
  },

  async load() {
    if (!this.postId) {
      this.setData({ loading: false, loadError: '没有找到这条内容' });
      return;
    }
    const refreshing = this.data.post !== null;
    this.setData({ loading: !refreshing, loadError: '' });
    const got = await getPost(this.postId);
    if (!got.ok) {
      if (refreshing) wx.showToast({ title: got.error.message, icon: 'none' });
      else this.setData({ loading: false, loadError: got.error.message });
      return;
    }
    await this.show(got.data);
  },

  async show(detail: PostDetail) {
    const item = detail.item;
    const urls = await imageUrls(item.images);
    const now = Date.now();
    this.names = new Map();
    const comments = this.commentViews(detail.comments.items.slice(0, APPEND_MAX), now);
    this.cursor = detail.comments.nextCursor;
    this.setData({
      loading: false,
      post: postView(item, urls, now),
      liked: item.likedByMe,
      likeCount: item.likeCount,
      commentCount: item.commentCount,
      comments,
      moreComments: this.cursor !== null,
    });
  },

  commentViews(comments: CircleComment[], now: number): CommentView[] {
    for (const c of comments) this.names.set(c.id, replyName(c));
    return comments.map((c) => commentView(c, this.names, now));
  },

  /** Adds comments below those shown, by path, so only the new ones cross to the view. */
  appendComments(views: CommentView[], extra: Record<string, unknown> = {}) {
    const patch: Record<string, unknown> = { ...extra };
    const start = this.data.comments.length;
    views.slice(0, APPEND_MAX).forEach((view, i) => {
      patch[`comments[${start + i}]`] = view;
    });
    this.setData(patch);
  },

  say(message: string, kind: 'ok' | 'error') {
    this.setData({ message, messageKind: kind });
  },

  async onMoreComments() {
    const cursor = this.cursor;
    if (!cursor || this.data.loadingComments) return;
    this.setData({ loadingComments: true });
    const got = await getPost(this.postId, cursor);
    if (!got.ok) {
      this.setData({ loadingComments: false });
      this.say(got.error.message, 'error');
      return;
    }
    this.cursor = got.data.comments.nextCursor;
    // My own comment, added below while more were unread, may come again in this page.
    const shown = new Set(this.data.comments.map((c) => c.id));
    const fresh = got.data.comments.items.filter((c) => !shown.has(c.id));
    this.appendComments(this.commentViews(fresh, Date.now()), { loadingComments: false, moreComments: this.cursor !== null });
  },

  onPreview(e: TapEvent) {
    const post = this.data.post;
    const index = Number(e.currentTarget.dataset.index) || 0;
    if (!post || post.images.length === 0) return;
    wx.previewImage({ current: post.images[index] || post.images[0], urls: post.images });
  },

  /** Shown liked (or not) at once; put back as it was if the server says no. */
  async onLike() {
    const post = this.data.post;
    if (!post || !post.open || this.liking) return;
    const before = { liked: this.data.liked, likeCount: this.data.likeCount };
    const liked = !before.liked;
    this.liking = true;
    this.setData({ liked, likeCount: Math.max(0, before.likeCount + (liked ? 1 : -1)), message: '', messageKind: '' });
    const done = await setLiked(this.postId, liked);
    this.liking = false;
    if (!done.ok) {
      this.setData(before);
      this.say(done.error.message, 'error');
      return;
    }
    this.setData({ liked: done.data.liked, likeCount: done.data.likeCount });
  },

  onDraftInput(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ draft: e.detail.value });
  },

  onReply(e: TapEvent) {
    const id = e.currentTarget.dataset.id || '';
    const target = this.data.comments.find((c) => c.id === id);
    if (!target || !target.open) return;
    this.setData({ replyId: id, replyName: this.names.get(id) || '', message: '', messageKind: '' });
  },

  onCancelReply() {
    this.setData({ replyId: '', replyName: '' });
  },

  async onSend() {
    const post = this.data.post;
    if (!post || this.data.sending) return;
    const checked = commentContentSchema.safeParse(this.data.draft);
    if (!checked.success) {
      this.say(checked.error.issues[0]?.message || '请写下评论', 'error');
      return;
    }
    this.setData({ sending: true, message: '', messageKind: '' });
    const sent = await addComment(this.postId, checked.data, this.data.replyId || undefined);
    if (!sent.ok) {
      // The draft stays, so nothing written is lost.
      this.setData({ sending: false });
      this.say(sent.error.message, 'error');
      return;
    }
    const c = sent.data;
    const extra: Record<string, unknown> = { sending: false, draft: '', replyId: '', replyName: '' };
    if (c.status === 'published') extra.commentCount = this.data.commentCount + 1;
    // With every comment on screen, mine goes last; otherwise it comes with the later pages.
    if (!this.data.moreComments) this.appendComments(this.commentViews([c], Date.now()), extra);
    else this.setData(extra);
    this.say(c.status === 'published' ? '评论已发布' : '评论需要人工审核，审核通过后邻居们才能看到', 'ok');
  },

  onReportPost() {
    const post = this.data.post;
    if (post && post.open && !post.mine) this.askReason('post', post.id);
  },

  onReportComment(e: TapEvent) {
    const id = e.currentTarget.dataset.id || '';
    if (id) this.askReason('comment', id);
  },

  /** A reason from the list, or, for 其他, in the user's own words. */
  askReason(target: ReportTarget, id: string) {
    wx.showActionSheet({
      itemList: REPORT_REASONS,
      success: (res) => {
        const reason = REPORT_REASONS[res.tapIndex];
        if (reason !== OTHER_REASON) {
          void this.sendReport(target, id, reason);
          return;
        }
        wx.showModal({
          title: '举报理由',
          editable: true,
          placeholderText: '请写下理由（2 到 100 个字）',
          confirmText: '提交举报',
          success: (typed) => {
            if (typed.confirm) void this.sendReport(target, id, typed.content || '');
          },
        });
      },
    });
  },

  async sendReport(target: ReportTarget, id: string, reason: string) {
    const checked = reasonSchema.safeParse(reason);
    if (!checked.success) {
      this.say(checked.error.issues[0]?.message || '请写下举报理由', 'error');
      return;
    }
    this.setData({ busy: true, message: '', messageKind: '' });
    const done = await report(target, id, checked.data);
    this.setData({ busy: false });
    if (!done.ok) this.say(done.error.message, 'error');
    else this.say(REPORTED, 'ok');
  },

  async onToggleResolved() {
    const post = this.data.post;
    if (!post || !post.canResolve || this.data.busy) return;
    this.setData({ busy: true, message: '', messageKind: '' });
    const done = await setResolved(this.postId, !post.resolved);
    this.setData({ busy: false });
    if (!done.ok) {
      this.say(done.error.message, 'error');
      return;
    }
    const resolved = done.data.resolved === true;
    this.setData({ 'post.resolved': resolved, 'post.state': resolved ? '已解决' : '求助中' });
    this.say(resolved ? '已标记为已解决，谢谢帮忙的邻居们' : '已重新标记为求助中', 'ok');
  },
});
