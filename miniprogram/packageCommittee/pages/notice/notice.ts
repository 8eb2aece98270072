/**
 * 发布公告 (committee): a notice with a title and text, pinned or not, for the whole community,
 * some grids, some buildings, or everyone (public). Grids and buildings come from the community's
 * tree. What publishing did is said in plain words (published, or held for review); what was typed
 * stays on screen when sending fails, and the same notice sent again after a lost answer reuses
 * its key, so it is published once. Up to 9 pictures (components/image-picker), uploaded on 发布
 * and not again on a retry; the committee's pictures need no review.
 */
import { NO_RETRY, sendOnce } from '../../../services/api/idempotency';
import { elderMode } from '../../../services/display/display';
import { MAX_IMAGES, imageUploader } from '../../../services/storage/storage';
import { communityTree, myDesk, postNotice } from '../../services/community';
import { AUDIENCE_OPTIONS, AudienceOption, NoticeValues, audienceText, noticeFrom, outcomeText, ticked, unitChoices } from './view';

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
  uploads: imageUploader('notices'),
  /** The key of the last notice that got no answer, reused when the same notice is sent again. */
  retry: NO_RETRY,

  onLoad() {
    this.uploads = imageUploader('notices');
    this.retry = NO_RETRY;
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

  onImages(e: WechatMiniprogram.CustomEvent<{ images: string[] }>) {
    this.setData({ images: e.detail.images, formError: '' });
  },

  onImagesProblem(e: WechatMiniprogram.CustomEvent<{ message: string }>) {
    this.setData({ formError: e.detail.message });
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
    const uploads = await this.uploads.upload(this.data.images);
    if (!uploads.ok) {
      this.setData({ submitting: false, formError: uploads.error.message });
      return;
    }
    const input = uploads.data.length > 0 ? { ...checked.input, images: uploads.data } : checked.input;
    const request = JSON.stringify(input);
    // The same notice after a lost answer: the same key, so it is published once.
    const { sent, memo } = await sendOnce(this.retry, request, (key) => postNotice(input, key));
    this.retry = memo;
    if (!sent.ok) {
      this.setData({ submitting: false, formError: sent.error.message });
      return;
    }
    this.uploads.forget();
    const cleared: Partial<NoticeData> = {
      title: '',
      content: '',
      pinned: false,
      audienceKind: 'community',
      grids: ticked(this.data.grids, []),
      buildings: ticked(this.data.buildings, []),
      images: [],
    };
    this.setData({ ...cleared, submitting: false, outcome: outcomeText(sent.data, audienceText(values)) });
  },
});
