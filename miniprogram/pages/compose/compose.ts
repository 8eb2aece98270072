/**
 * 发布 (from 邻里圈): kind, text, up to 9 pictures (wx.chooseMedia after the privacy agreement, then
 * uploaded to cloud storage by services/storage), anonymous for 邻里互助 only. 发布 sends it with an
 * idempotency key that a retry after a lost answer reuses; the outcome reads in plain words (已发布,
 * 审核中, 图片审核中), and a refused text stays in the box with the reason, so nothing is lost.
 */
import { postContentSchema } from '../../generated/domain';
import { newIdempotencyKey } from '../../services/api/idempotency';
import { NewPost, PostKind, markFeedStale, publishPost } from '../../services/circle/circle';
import { elderMode } from '../../services/display/display';
import { ensurePrivacyAgreed } from '../../services/privacy/privacy';
import { uploadImage } from '../../services/storage/storage';
import { KIND_OPTIONS, MAX_IMAGES, outcomeOf, postKindOf } from './view';

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

  /** fileIDs of pictures already uploaded, by temporary path, so a retry does not upload them again. */
  uploaded: new Map<string, string>(),
  /** The key of the last post that got no answer, reused when the same post is sent again. */
  retry: { key: '', request: '' },

  onLoad() {
    this.uploaded = new Map();
    this.retry = { key: '', request: '' };
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

  async onChooseImages() {
    const room = MAX_IMAGES - this.data.images.length;
    if (room <= 0 || this.data.submitting) return;
    if (!(await ensurePrivacyAgreed())) {
      this.setData({ formError: '同意隐私保护指引后才能从相册选择照片；不加照片也可以直接发布' });
      return;
    }
    wx.chooseMedia({
      count: room,
      mediaType: ['image'],
      sizeType: ['compressed'],
      sourceType: ['album', 'camera'],
      success: (res) => {
        const paths = res.tempFiles.map((f) => f.tempFilePath).filter(Boolean);
        this.setData({ images: [...this.data.images, ...paths].slice(0, MAX_IMAGES), formError: '' });
      },
      fail: (err) => {
        // Closing the album is not an error.
        if (!/cancel/i.test(err.errMsg)) this.setData({ formError: '没能打开相册，请稍后重试' });
      },
    });
  },

  onRemoveImage(e: WechatMiniprogram.BaseEvent<Record<string, never>, { index: number }>) {
    const index = Number(e.currentTarget.dataset.index);
    this.setData({ images: this.data.images.filter((_, i) => i !== index) });
  },

  onPreviewImage(e: WechatMiniprogram.BaseEvent<Record<string, never>, { index: number }>) {
    const images = this.data.images;
    wx.previewImage({ current: images[Number(e.currentTarget.dataset.index)] || images[0], urls: images });
  },

  /** Uploads the pictures not yet uploaded; their fileIDs in order, or the reason it failed. */
  async uploadAll(paths: string[]): Promise<{ ok: true; fileIds: string[] } | { ok: false; message: string }> {
    const results = await Promise.all(
      paths.map(async (path) => {
        const known = this.uploaded.get(path);
        if (known) return known;
        const up = await uploadImage(path);
        if (!up.ok) return null;
        this.uploaded.set(path, up.data);
        return up.data;
      }),
    );
    const fileIds = results.filter((id): id is string => id !== null);
    return fileIds.length === paths.length ? { ok: true, fileIds } : { ok: false, message: '有图片没能上传，请检查网络后再点发布' };
  },

  async onSubmit() {
    if (this.data.submitting) return;
    const checked = postContentSchema.safeParse(this.data.content);
    if (!checked.success) {
      this.setData({ formError: checked.error.issues[0]?.message || '请写下要发布的内容' });
      return;
    }
    this.setData({ submitting: true, formError: '' });
    const uploads = await this.uploadAll(this.data.images);
    if (!uploads.ok) {
      this.setData({ submitting: false, formError: uploads.message });
      return;
    }
    const post: NewPost = { kind: this.data.kind, content: checked.data };
    if (uploads.fileIds.length > 0) post.images = uploads.fileIds;
    if (post.kind === 'help' && this.data.anonymous) post.anonymous = true;
    const request = JSON.stringify(post);
    // The same post after a lost answer: the same key, so it is published once.
    const key = this.retry.request === request ? this.retry.key : newIdempotencyKey();
    const sent = await publishPost(post, key);
    this.retry = !sent.ok && sent.error.code === 'UNAVAILABLE' ? { key, request } : { key: '', request: '' };
    if (!sent.ok) {
      // The text and pictures stay as they were: the resident edits and sends again.
      this.setData({ submitting: false, formError: sent.error.message });
      return;
    }
    markFeedStale();
    this.uploaded = new Map();
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
