/**
 * 任务详情 (from 任务大厅 and 我的任务): what, where, when, the places left, and for the member who
 * claimed a 微心愿, whom to go to. 认领 takes a place; 取消认领 gives it back before the start. Each
 * says what came of it. Logic in ./view and services/member.
 */
import { NO_RETRY, sendOnce } from '../../../services/api/idempotency';
import { elderMode } from '../../../services/display/display';
import { Claim, Task, claim, getTask, mine, moveClaim } from '../../../services/member/member';
import { TaskDetail, taskDetail } from '../../../services/member/present';
import { loadEvents } from '../../../utils/page-events/page-events';
import { canCancel, liveClaimOn } from './view';

Page({
  ...loadEvents,
  data: {
    elder: false,
    loading: true,
    loadError: '',
    task: null as TaskDetail | null,
    claimed: false,
    cancellable: false,
    sending: false,
    outcome: '',
    outcomeOk: false,
  },

  taskId: '',
  task: null as Task | null,
  claim: null as Claim | null,
  retry: NO_RETRY,

  onLoad(query: Record<string, string | undefined>) {
    this.taskId = query.id || '';
    this.retry = NO_RETRY;
    this.setData({ elder: elderMode() });
    void this.load();
  },

  async load() {
    this.setData({ loading: this.data.task === null, loadError: '' });
    const [task, claims] = await Promise.all([getTask(this.taskId), mine()]);
    if (!task.ok) return this.setData({ loading: false, loadError: task.error.message });
    this.show(task.data, claims.ok ? liveClaimOn(this.taskId, claims.data.items) : null);
  },

  show(task: Task, mineNow: Claim | null) {
    this.task = task;
    this.claim = mineNow;
    const now = Date.now();
    const view = taskDetail(task, now);
    this.setData({ loading: false, task: { ...view, claimable: view.claimable && !mineNow }, claimed: mineNow !== null, cancellable: canCancel(mineNow, task, now) });
  },

  async onClaim() {
    if (this.data.sending || !this.task) return;
    this.setData({ sending: true, outcome: '' });
    const { sent, memo } = await sendOnce(this.retry, `claim/${this.taskId}`, (key) => claim(this.taskId, key));
    this.retry = memo;
    await this.after(sent.ok ? sent.data : this.claim, sent.ok ? '认领成功，可在“我的任务”查看' : sent.error.message, sent.ok);
  },

  async onCancel() {
    const mineNow = this.claim;
    if (this.data.sending || !mineNow) return;
    this.setData({ sending: true, outcome: '' });
    const { sent, memo } = await sendOnce(this.retry, `cancel/${mineNow.id}`, (key) => moveClaim('cancel', mineNow.id, {}, key));
    this.retry = memo;
    await this.after(sent.ok ? null : mineNow, sent.ok ? '已取消认领，名额已让出' : sent.error.message, sent.ok);
  },

  /** The task read again (places left, the resident's address once claimed), with what came of the tap. */
  async after(mineNow: Claim | null, outcome: string, ok: boolean) {
    const fresh = await getTask(this.taskId);
    if (fresh.ok) this.show(fresh.data, mineNow);
    this.setData({ sending: false, outcome, outcomeOk: ok });
  },

  onMine() {
    wx.navigateTo({ url: '/packageMember/pages/mine/mine' });
  },
});
