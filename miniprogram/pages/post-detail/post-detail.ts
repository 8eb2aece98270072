/**
 * 帖子详情 (from the feed, `?id=`): a post or notice in full with its pictures (tap to view them
 * large), like (shown at once, undone if the server refuses), comments and replies, more comments,
 * report (a reason from a list, or in words), and for my own mutual-help request 已解决. The author
 * is told in plain words when the post is still under review. Data from services/circle; display
 * shapes from ./view; the comments and the box to write one are components/comment-thread.
 */
import { reasonSchema } from '../../generated/domain';
import { CommentPage, PostDetail, ReportTarget, getPost, report, setLiked, setResolved } from '../../services/circle/circle';
import { elderMode } from '../../services/display/display';
import { imageUrls } from '../../services/storage/storage';
import { OTHER_REASON, PostView, REPORTED, REPORT_REASONS, postView } from './view';

const initialData = {
  elder: false,
  loading: true,
  loadError: '',
  post: null as PostView | null,
  liked: false,
  likeCount: 0,
  /** The first page of comments, as the post came (components/comment-thread shows them). */
  thread: null as CommentPage | null,
  commentCount: 0,
  busy: false,
  message: '',
  messageKind: '' as 'ok' | 'error' | '',
};

Page({
  data: initialData,

  postId: '',
  liking: false,

  onLoad(query: Record<string, string | undefined>) {
    this.postId = query.id || '';
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
    this.setData({
      loading: false,
      post: postView(item, urls, Date.now()),
      liked: item.likedByMe,
      likeCount: item.likeCount,
      commentCount: item.commentCount,
      thread: detail.comments,
    });
  },

  say(message: string, kind: 'ok' | 'error') {
    this.setData({ message, messageKind: kind });
  },

  /** What the comment thread has to say, on the page's message line. */
  onSay(e: WechatMiniprogram.CustomEvent<{ message: string; kind: 'ok' | 'error' | '' }>) {
    this.setData({ message: e.detail.message, messageKind: e.detail.kind });
  },

  onPreview(e: WechatMiniprogram.BaseEvent<Record<string, never>, { index?: number }>) {
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
    // The count shown moved with the tap: a like made meanwhile elsewhere (changed: false) was not in it either.
    this.setData({ liked: done.data.liked });
  },

  onReportPost() {
    const post = this.data.post;
    if (post && post.open && !post.mine) this.askReason('post', post.id);
  },

  onReportComment(e: WechatMiniprogram.CustomEvent<{ id: string }>) {
    if (e.detail.id) this.askReason('comment', e.detail.id);
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
