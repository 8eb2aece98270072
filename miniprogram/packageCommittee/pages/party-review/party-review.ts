/**
 * 党员报到审核 (committee): in-service party members' registrations waiting for review, oldest first,
 * with the days left of the 7; 通过 puts them on the team chosen above (and gives them the party
 * member role), 退回 asks for a reason they will read. A decided row leaves the list.
 */
import { NO_RETRY, sendOnce } from '../../../services/api/idempotency';
import { askReason } from '../../../utils/ask-reason/ask-reason';
import { ListData, listData, listEvents, loadFirst, loadMore } from '../../../utils/paged-list/paged-list';
import { inMyCommunity } from '../../services/desk';
import { approve, registrations, reject, teams } from '../../services/party';
import { RegistrationRow, decidedText, registrationRow, teamChoices } from './view';

interface ReviewData extends ListData<RegistrationRow> {
  elder: boolean;
  busy: boolean;
  message: string;
  teams: ReturnType<typeof teamChoices>;
  teamIndex: number;
}

const initialData: ReviewData = { ...listData<RegistrationRow>(), elder: false, busy: false, message: '', teams: [], teamIndex: 0 };

Page({
  data: initialData,
  ...listEvents,

  communityId: '',
  retry: NO_RETRY,

  async load() {
    const first = loadFirst(
      this,
      () => inMyCommunity(this, (c) => registrations(c, 'pending')),
      (items) => items.map((r) => registrationRow(r)),
    );
    await first;
    if (!this.communityId) return;
    const got = await teams(this.communityId);
    if (got.ok) this.setData({ teams: teamChoices(got.data.items), teamIndex: Math.min(this.data.teamIndex, Math.max(0, got.data.items.length - 1)) });
  },

  loadMore() {
    return loadMore(
      this,
      (cursor) => registrations(this.communityId, 'pending', cursor),
      (items) => items.map((r) => registrationRow(r)),
    );
  },

  onTeam(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ teamIndex: Number(e.detail.value) || 0 });
  },

  onApprove(e: WechatMiniprogram.TouchEvent) {
    const id = String(e.currentTarget.dataset.id || '');
    const team = this.data.teams[this.data.teamIndex];
    if (!team) return this.setData({ message: '请先在“服务队与岗位”中添加服务队，再审核报到' });
    if (id) void this.decide(id, 'approve', team.id);
  },

  onReject(e: WechatMiniprogram.TouchEvent) {
    const id = String(e.currentTarget.dataset.id || '');
    if (!id || this.data.busy) return;
    void askReason({ title: '退回理由', placeholder: '请写明理由，会告知报到的党员', confirmText: '退回', tooShort: '请写明退回理由' }).then((reason) => {
      if (reason) void this.decide(id, 'reject', reason);
    });
  },

  async decide(id: string, decision: 'approve' | 'reject', detail: string) {
    if (this.data.busy) return;
    this.setData({ busy: true, message: '' });
    const { sent, memo } = await sendOnce(this.retry, `${decision}|${id}|${detail}`, (key) => (decision === 'approve' ? approve(id, detail, key) : reject(id, detail, key)));
    this.retry = memo;
    if (!sent.ok) {
      // Decided by someone else meanwhile: it is no longer waiting.
      const gone = sent.error.code === 'FAILED_PRECONDITION' || sent.error.code === 'NOT_FOUND';
      this.setData({ busy: false, message: sent.error.message, ...(gone ? { rows: this.data.rows.filter((r) => r.id !== id) } : {}) });
      return;
    }
    this.setData({ busy: false, rows: this.data.rows.filter((r) => r.id !== id), message: decidedText(sent.data) });
  },
});
