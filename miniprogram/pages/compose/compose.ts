/**
 * 发布 (from 邻里圈): kind, text, up to 9 pictures (components/image-picker, uploaded on 发布 by
 * services/storage, and not again on a retry), anonymous for 邻里互助 only. 发布 sends it with an
 * idempotency key that a retry after a lost answer reuses; the outcome reads in plain words (已发布,
 * 审核中, 图片审核中), and a refused text stays in the box with the reason, so nothing is lost.
 */
import { postContentSchema } from '../../generated/domain';
import { NO_RETRY, sendOnce } from '../../services/api/idempotency';
import { NewPost, PostKind, markFeedStale, publishPost } from '../../services/circle/circle';
import { elderMode } from '../../services/display/display';
import { MAX_IMAGES, imageUploader } from '../../services/storage/storage';
import { KIND_OPTIONS, outcomeOf, postKindOf } from './view';

interface ComposeData {
  elder: boolean;
  kinds: typeof KIND_OPTIONS;
  kind: PostKind;
  content: string;
  /** The chosen pictures' temporary paths, shown as they are. */
  images: string[];
  maxImages: number;
  anonymous: boolean;
  submitting: boolean;
  formError: string;
  /** After 发布: what happened, in plain words, and the new post. */
  outcome: string;
  postedId: string;
}

const initialData: ComposeData = {
  elder: false,
  kinds: KIND_OPTIONS,
  kind: 'neighbour',
  content: '',
  images: [],
  maxImages: MAX_IMAGES,
  anonymous: false,
  submitting: false,
  formError: '',
  outcome: '',
  postedId: '',
};

Page({
  data: initialData,

  uploads: imageUploader('circle'),
  /** The key of the last post that got no answer, reused when the same post is sent again. */
  retry: NO_RETRY,

  onLoad() {
    this.uploads = imageUploader('circle');
    this.retry = NO_RETRY;
    this.setData({ elder: elderMode() });
  },

  onShow() {
    this.setData({ elder: elderMode() });
  },

  onKind(e: WechatMiniprogram.BaseEvent<Record<string, never>, { kind: string }>) {
    const kind = postKindOf(e.currentTarget.dataset.kind);
    if (!kind) return;
    // Only a mutual-help request may be anonymous.
    this.setData({ kind, anonymous: kind === 'help' ? this.data.anonymous : false, formError: '' });
  },

  onContentInput(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ content: e.detail.value, formError: '' });
  },

  onAnonymousChange(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
    this.setData({ anonymous: this.data.kind === 'help' && e.detail.value === true });
  },

  onImages(e: WechatMiniprogram.CustomEvent<{ images: string[] }>) {
    this.setData({ images: e.detail.images, formError: '' });
  },

  onImagesProblem(e: WechatMiniprogram.CustomEvent<{ message: string }>) {
    this.setData({ formError: e.detail.message });
  },

  async onSubmit() {
    if (this.data.submitting) return;
    const checked = postContentSchema.safeParse(this.data.content);
    if (!checked.success) {
      this.setData({ formError: checked.error.issues[0]?.message || '请写下要发布的内容' });
      return;
    }
    this.setData({ submitting: true, formError: '' });
    const uploads = await this.uploads.upload(this.data.images);
    if (!uploads.ok) {
      this.setData({ submitting: false, formError: uploads.error.message });
      return;
    }
    const post: NewPost = { kind: this.data.kind, content: checked.data };
    if (uploads.data.length > 0) post.images = uploads.data;
    if (post.kind === 'help' && this.data.anonymous) post.anonymous = true;
    const request = JSON.stringify(post);
    // The same post after a lost answer: the same key, so it is published once.
    const { sent, memo } = await sendOnce(this.retry, request, (key) => publishPost(post, key));
    this.retry = memo;
    if (!sent.ok) {
      // The text and pictures stay as they were: the resident edits and sends again.
      this.setData({ submitting: false, formError: sent.error.message });
      return;
    }
    markFeedStale();
    this.uploads.forget();
    this.setData({ submitting: false, outcome: outcomeOf(sent.data), postedId: sent.data.id, content: '', images: [], anonymous: false });
  },

  onViewPost() {
    if (this.data.postedId) wx.redirectTo({ url: `/pages/post-detail/post-detail?id=${encodeURIComponent(this.data.postedId)}` });
  },

  onBack() {
    wx.navigateBack({ delta: 1 });
  },

  onWriteAnother() {
    this.setData({ outcome: '', postedId: '', formError: '' });
  },
});
