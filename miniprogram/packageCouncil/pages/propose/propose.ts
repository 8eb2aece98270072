/**
 * 提议题 (from the 议事厅, `?bodyId=`): which body, a title, what and why, up to 9 photos (uploaded
 * on 提交 with the storage service the demand report uses). Sent with a key a retry reuses; a refusal
 * keeps the form with the reason. Logic in ./view.
 */
import { NO_RETRY, sendOnce } from '../../../services/api/idempotency';
import { allBodies, propose } from '../../../services/council/council';
import { elderMode } from '../../../services/display/display';
import { MAX_IMAGES, imageUploader } from '../../../services/storage/storage';
import { getMe } from '../../../services/user/user';
import { loadEvents } from '../../../utils/page-events/page-events';
import { checkDraft, councilPhotoFolder, proposeInput } from './view';

interface BodyChip {
  id: string;
  name: string;
}

Page({
  ...loadEvents,
  data: {
    elder: false,
    loading: true,
    loadError: '',
    bodies: [] as BodyChip[],
    bodyId: '',
    title: '',
    content: '',
    images: [] as string[],
    maxImages: MAX_IMAGES,
    submitting: false,
    formError: '',
    proposedId: '',
  },

  uploads: imageUploader('council'),
  retry: NO_RETRY,
  asked: '',

  onLoad(query: Record<string, string | undefined>) {
    this.asked = (query && query.bodyId) || '';
    this.retry = NO_RETRY;
    this.setData({ elder: elderMode() });
    void this.load();
  },

  async load() {
    this.setData({ loading: true, loadError: '' });
    const me = await getMe();
    if (!me.ok) return this.setData({ loading: false, loadError: me.error.message });
    if (!me.data.community) return this.setData({ loading: false, loadError: '绑定本居民区的房屋后才能提出议题' });
    const got = await allBodies(me.data.community.id);
    if (!got.ok) return this.setData({ loading: false, loadError: got.error.message });
    this.uploads = imageUploader(councilPhotoFolder(me.data.openid));
    const bodies = got.data.map((b) => ({ id: b.id, name: b.name }));
    const bodyId = bodies.some((b) => b.id === this.asked) ? this.asked : bodies.length === 1 ? bodies[0].id : '';
    this.setData({ loading: false, bodies, bodyId });
  },

  onBody(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
    this.setData({ bodyId: String(e.currentTarget.dataset.id || ''), formError: '' });
  },

  onTitle(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ title: e.detail.value, formError: '' });
  },

  onContent(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ content: e.detail.value, formError: '' });
  },

  onImages(e: WechatMiniprogram.CustomEvent<{ images: string[] }>) {
    this.setData({ images: e.detail.images, formError: '' });
  },

  onImagesProblem(e: WechatMiniprogram.CustomEvent<{ message: string }>) {
    this.setData({ formError: e.detail.message });
  },

  async onSubmit() {
    if (this.data.submitting) return;
    const checked = checkDraft(this.data);
    if (!checked.ok) return this.setData({ formError: checked.message });
    this.setData({ submitting: true, formError: '' });
    const uploads = await this.uploads.upload(this.data.images);
    if (!uploads.ok) return this.setData({ submitting: false, formError: uploads.error.message });
    const input = proposeInput(this.data.bodyId, checked.title, checked.content, uploads.data);
    const { sent, memo } = await sendOnce(this.retry, JSON.stringify(input), (key) => propose(input, key));
    this.retry = memo;
    if (!sent.ok) return this.setData({ submitting: false, formError: sent.error.message });
    this.uploads.forget();
    this.setData({ submitting: false, proposedId: sent.data.id, title: '', content: '', images: [] });
  },

  onView() {
    if (this.data.proposedId) wx.redirectTo({ url: `/packageCouncil/pages/topic/topic?id=${encodeURIComponent(this.data.proposedId)}` });
  },
});
