/**
 * 发布公告 (committee): a notice with a title and text, pinned or not, for the whole community,
 * some grids, some buildings, or everyone (public). Grids and buildings come from the community's
 * tree. What publishing did is said in plain words (published, or held for review); what was typed
 * stays on screen when sending fails, and the same notice sent again after a lost answer reuses
 * its key, so it is published once. Up to 9 pictures (wx.chooseMedia after the privacy agreement),
 * uploaded on 发布 and not again on a retry; the committee's pictures need no review.
 */
import { newIdempotencyKey } from '../../../services/api/idempotency';
import { elderMode } from '../../../services/display/display';
import { ensurePrivacyAgreed } from '../../../services/privacy/privacy';
import { uploadImage } from '../../../services/storage/storage';
import { communityTree, myDesk, postNotice } from '../../services/community';
import { AUDIENCE_OPTIONS, AudienceOption, MAX_IMAGES, NoticeValues, audienceText, noticeFrom, outcomeText, ticked, unitChoices } from './view';

interface NoticeData extends NoticeValues {
  elder: boolean;
  loading: boolean;
  loadError: string;
  audienceOptions: AudienceOption[];
  /** The chosen pictures' temporary paths, shown as they are. */
  images: string[];
  maxImages: number;
  submitting: boolean;
  formError: string;
  outcome: string;
}

const initialData: NoticeData = {
  elder: false,
  loading: true,
  loadError: '',
  audienceOptions: AUDIENCE_OPTIONS,
  title: '',
  content: '',
  pinned: false,
  audienceKind: 'community',
  grids: [],
  buildings: [],
  images: [],
  maxImages: MAX_IMAGES,
  submitting: false,
  formError: '',
  outcome: '',
};

Page({
  data: initialData,

  communityId: '',
  /** fileIDs of pictures already uploaded, by temporary path, so a retry does not upload them again. */
  uploaded: new Map<string, string>(),
  /** The key of the last notice that got no answer, reused when the same notice is sent again. */
  retry: { key: '', request: '' },

  onLoad() {
    this.uploaded = new Map();
    this.retry = { key: '', request: '' };
    this.setData({ elder: elderMode() });
    void this.load();
  },

  onShow() {
    this.setData({ elder: elderMode() });
  },

  onRetry() {
    void this.load();
  },

  async load() {
    this.setData({ loading: true, loadError: '' });
    const desk = await myDesk();
    if (!desk.ok) {
      this.setData({ loading: false, loadError: desk.error.message });
      return;
    }
    this.communityId = desk.data.communityId;
    const tree = await communityTree(this.communityId);
    if (!tree.ok) {
      this.setData({ loading: false, loadError: tree.error.message });
      return;
    }
    this.setData({
      loading: false,
      grids: unitChoices(tree.data.units, 'grid', this.communityId),
      buildings: unitChoices(tree.data.units, 'building', this.communityId),
    });
  },

  onTitleInput(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ title: e.detail.value, formError: '' });
  },

  onContentInput(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ content: e.detail.value, formError: '' });
  },

  onPinnedChange(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
    this.setData({ pinned: !!e.detail.value });
  },

  onAudienceChange(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    const kind = AUDIENCE_OPTIONS.find((o) => o.kind === e.detail.value);
    if (kind) this.setData({ audienceKind: kind.kind, formError: '' });
  },

  onGridsChange(e: WechatMiniprogram.CustomEvent<{ value: string[] }>) {
    this.setData({ grids: ticked(this.data.grids, e.detail.value), formError: '' });
  },

  onBuildingsChange(e: WechatMiniprogram.CustomEvent<{ value: string[] }>) {
    this.setData({ buildings: ticked(this.data.buildings, e.detail.value), formError: '' });
  },

  async onChooseImages() {
    const room = MAX_IMAGES - this.data.images.length;
    if (room <= 0 || this.data.submitting) return;
    if (!(await ensurePrivacyAgreed())) {
      this.setData({ formError: '同意隐私保护指引后才能从相册选择图片；不配图也可以直接发布' });
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

  onRemoveImage(e: WechatMiniprogram.TouchEvent) {
    const index = Number(e.currentTarget.dataset.index);
    if (!this.data.submitting) this.setData({ images: this.data.images.filter((_, i) => i !== index) });
  },

  /** Uploads the pictures not yet uploaded; their fileIDs in order, or null when one failed. */
  async uploadAll(paths: string[]): Promise<string[] | null> {
    const ids = await Promise.all(
      paths.map(async (path) => {
        const known = this.uploaded.get(path);
        if (known) return known;
        const up = await uploadImage(path, 'notices');
        if (!up.ok) return null;
        this.uploaded.set(path, up.data);
        return up.data;
      }),
    );
    const fileIds = ids.filter((id): id is string => id !== null);
    return fileIds.length === paths.length ? fileIds : null;
  },

  async onSubmit() {
    if (this.data.submitting || !this.communityId) return;
    const values: NoticeValues = {
      title: this.data.title,
      content: this.data.content,
      pinned: this.data.pinned,
      audienceKind: this.data.audienceKind,
      grids: this.data.grids,
      buildings: this.data.buildings,
    };
    const checked = noticeFrom(this.communityId, values);
    if (!checked.ok) {
      this.setData({ formError: checked.hint, outcome: '' });
      return;
    }
    this.setData({ submitting: true, formError: '', outcome: '' });
    const images = await this.uploadAll(this.data.images);
    if (!images) {
      this.setData({ submitting: false, formError: '有图片没能上传，请检查网络后再点发布' });
      return;
    }
    const input = images.length > 0 ? { ...checked.input, images } : checked.input;
    const request = JSON.stringify(input);
    // The same notice after a lost answer: the same key, so it is published once.
    const key = this.retry.request === request ? this.retry.key : newIdempotencyKey();
    const sent = await postNotice(input, key);
    this.retry = !sent.ok && sent.error.code === 'UNAVAILABLE' ? { key, request } : { key: '', request: '' };
    if (!sent.ok) {
      this.setData({ submitting: false, formError: sent.error.message });
      return;
    }
    this.uploaded = new Map();
    const cleared: Partial<NoticeData> = { title: '', content: '', pinned: false, audienceKind: 'community', grids: ticked(this.data.grids, []), buildings: ticked(this.data.buildings, []), images: [] };
    this.setData({ ...cleared, submitting: false, outcome: outcomeText(sent.data, audienceText(values)) });
  },
});
