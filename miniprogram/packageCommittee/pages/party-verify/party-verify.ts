/**
 * 核实党员服务 (committee): service members submitted (a note and a photo, or their check-in and
 * out), oldest first; 核实 credits the hours once, 退回 asks for a reason the member reads, credits
 * nothing and frees the place. A decided row leaves the list.
 */
import { NO_RETRY, sendOnce } from '../../../services/api/idempotency';
import { imageUrls } from '../../../services/storage/storage';
import { askReason } from '../../../utils/ask-reason/ask-reason';
import { ListData, listData, listEvents, loadFirst, loadMore } from '../../../utils/paged-list/paged-list';
import { inMyCommunity } from '../../services/desk';
import { Proof, proofsToVerify, rejectProof, verify } from '../../services/party';
import { ProofRow, decidedText, proofRow } from './view';

interface VerifyData extends ListData<ProofRow> {
  elder: boolean;
  busy: boolean;
  message: string;
}

const initialData: VerifyData = { ...listData<ProofRow>(), elder: false, busy: false, message: '' };

/** Rows with what `<image src>` takes for each photo. */
async function rowsOf(items: Proof[]): Promise<ProofRow[]> {
  const ids = items.map((p) => p.claim.photo).filter((p): p is string => Boolean(p));
  const urls = await imageUrls(ids);
  return items.map((p) => proofRow(p, p.claim.photo ? urls[ids.indexOf(p.claim.photo)] : ''));
}

Page({
  data: initialData,
  ...listEvents,

  communityId: '',
  retry: NO_RETRY,

  load() {
    return loadFirst(this, () => inMyCommunity(this, proofsToVerify), rowsOf);
  },

  loadMore() {
    return loadMore(this, (cursor) => proofsToVerify(this.communityId, cursor), rowsOf);
  },

  onPhoto(e: WechatMiniprogram.TouchEvent) {
    const url = String(e.currentTarget.dataset.url || '');
    if (url) wx.previewImage({ urls: [url], current: url });
  },

  onVerify(e: WechatMiniprogram.TouchEvent) {
    const id = String(e.currentTarget.dataset.id || '');
    if (id) void this.decide(id, '');
  },

  onReject(e: WechatMiniprogram.TouchEvent) {
    const id = String(e.currentTarget.dataset.id || '');
    if (!id || this.data.busy) return;
    void askReason({ title: '退回理由', placeholder: '请写明理由，会告知党员', confirmText: '退回', tooShort: '请写明退回理由' }).then((reason) => {
      if (reason) void this.decide(id, reason);
    });
  },

  /** No reason: verify; with one: reject the proof. */
  async decide(id: string, reason: string) {
    if (this.data.busy) return;
    this.setData({ busy: true, message: '' });
    const { sent, memo } = await sendOnce(this.retry, `${id}|${reason}`, (key) => (reason ? rejectProof(id, reason, key) : verify(id, key)));
    this.retry = memo;
    if (!sent.ok) {
      // Verified or sent back by someone else meanwhile: it no longer waits.
      const gone = sent.error.code === 'FAILED_PRECONDITION' || sent.error.code === 'NOT_FOUND';
      this.setData({ busy: false, message: sent.error.message, ...(gone ? { rows: this.data.rows.filter((r) => r.id !== id) } : {}) });
      return;
    }
    this.setData({ busy: false, rows: this.data.rows.filter((r) => r.id !== id), message: decidedText(sent.data) });
  },
});
