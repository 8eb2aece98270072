/**
 * 任务大厅 (from 我的 and 报到): the open 微心愿 (never the resident's phone or room), tasks, rota
 * shifts with their places left, and activities' volunteer shifts (signed up for in 活动), 20 a page,
 * filtered by kind. 认领 takes a place at once and says beside the row what came of it; the row is
 * read again, so the last place taken shows 已满. A tap on a row opens the task.
 */
import { NO_RETRY, RetryMemo, sendOnce } from '../../../services/api/idempotency';
import { HallKind, Task, claim, getTask, hall, mine } from '../../../services/member/member';
import { TaskRow, taskRow } from '../../../services/member/present';
import { getMe } from '../../../services/user/user';
import { ListData, listData, listEvents, loadFirst, loadMore } from '../../../utils/paged-list/paged-list';
import { KIND_OPTIONS, claimOutcome, heldTasks, kindOf } from './view';

type Row = TaskRow & { result: string; resultOk: boolean; claiming: boolean; mine: boolean };
/** The rows, those I already hold marked 已认领 instead of offering 认领 again. */
const rowsHeld =
  (held: ReadonlySet<string>) =>
  (items: Task[]): Row[] => {
    const now = Date.now();
    return items.map((t) => {
      const mine = held.has(t.id);
      return { ...taskRow(t, now), claimable: taskRow(t, now).claimable && !mine, result: '', resultOk: false, claiming: false, mine };
    });
  };

const noCommunity = { ok: false as const, error: { code: 'FAILED_PRECONDITION' as const, message: '请先在“我的”绑定所住楼组' } };

Page({
  data: { ...listData<Row>(), elder: false, kinds: KIND_OPTIONS, kind: '' as HallKind | '', refused: false } as ListData<Row> & {
    elder: boolean;
    kinds: typeof KIND_OPTIONS;
    kind: HallKind | '';
    refused: boolean;
  },
  ...listEvents,

  communityId: '',
  held: new Set<string>() as ReadonlySet<string>,
  retry: NO_RETRY as RetryMemo,

  async community(): Promise<string> {
    if (this.communityId) return this.communityId;
    const me = await getMe();
    this.communityId = me.ok && me.data.community ? me.data.community.id : '';
    return this.communityId;
  },

  async load() {
    const communityId = await this.community();
    this.setData({ refused: false });
    const kind = this.data.kind || undefined;
    // With the hall, my latest claims (one page): they mark the tasks I already hold.
    const fetch = async () => {
      if (!communityId) return noCommunity;
      const [page, claims] = await Promise.all([hall(communityId, kind), mine()]);
      this.held = heldTasks(claims.ok ? claims.data.items : []);
      return page;
    };
    const got = await loadFirst(this, fetch, (items: Task[]) => rowsHeld(this.held)(items));
    // Not (yet) an approved member: the way to 报到 beside the reason.
    if (got === null && this.data.loadError) this.setData({ refused: true });
  },

  loadMore() {
    return loadMore(this, (cursor) => hall(this.communityId, this.data.kind || undefined, cursor), rowsHeld(this.held));
  },

  onKind(e: WechatMiniprogram.BaseEvent<Record<string, never>, { kind: string }>) {
    const kind = kindOf(e.currentTarget.dataset.kind);
    if (kind === undefined || kind === this.data.kind) return;
    this.setData({ kind });
    void this.load();
  },

  async onClaim(e: WechatMiniprogram.BaseEvent<Record<string, never>, { index: number }>) {
    const index = Number(e.currentTarget.dataset.index);
    const row = this.data.rows[index];
    if (!row || row.claiming) return;
    this.setData({ [`rows[${index}].claiming`]: true, [`rows[${index}].result`]: '' });
    const { sent, memo } = await sendOnce(this.retry, `claim/${row.id}`, (key) => claim(row.id, key));
    this.retry = memo;
    const outcome = claimOutcome(sent);
    // Read the task again: the places left (已满 when the last went), or that it is gone.
    const fresh = await getTask(row.id);
    const shown = fresh.ok ? rowsHeld(this.held)([fresh.data])[0] : row;
    this.setData({ [`rows[${index}]`]: { ...shown, claimable: sent.ok ? false : shown.claimable, mine: sent.ok || shown.mine, result: outcome.text, resultOk: outcome.ok, claiming: false } });
  },

  onOpen(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string; activity: string }>) {
    const { id, activity } = e.currentTarget.dataset;
    if (activity) wx.navigateTo({ url: `/pages/activity-detail/activity-detail?id=${encodeURIComponent(activity)}` });
    else if (id) wx.navigateTo({ url: `/packageMember/pages/task/task?id=${encodeURIComponent(id)}` });
  },

  onRegister() {
    wx.navigateTo({ url: '/packageMember/pages/register/register' });
  },

  onMine() {
    wx.navigateTo({ url: '/packageMember/pages/mine/mine' });
  },
});
