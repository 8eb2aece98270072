/**
 * 服务队与岗位 (committee): the community's service teams (添加 a new one) and the approved party
 * members, each with their team and post (楼组长 / 分队长 / 督导员); changing either saves at once
 * and the member's profile shows it.
 */
import { Result } from '../../../generated/domain';
import { NO_RETRY, sendOnce } from '../../../services/api/idempotency';
import { ListData, listData, listEvents, loadFirst, loadMore } from '../../../utils/paged-list/paged-list';
import { inMyCommunity } from '../../services/desk';
import { Post, Team, registrations, saveTeam, setPost, teams } from '../../services/party';
import { MemberRow, POST_CHOICES, TeamRow, checkedTeamName, memberRow, teamRow } from './view';

interface TeamsData extends ListData<MemberRow> {
  elder: boolean;
  teams: TeamRow[];
  posts: typeof POST_CHOICES;
  name: string;
  busy: boolean;
  message: string;
  messageKind: 'ok' | 'error' | '';
}

const initialData: TeamsData = { ...listData<MemberRow>(), elder: false, teams: [], posts: POST_CHOICES, name: '', busy: false, message: '', messageKind: '' };

Page({
  data: initialData,
  ...listEvents,

  communityId: '',
  all: [] as Team[],
  retry: NO_RETRY,

  async load() {
    const got = await inMyCommunity(this, teams);
    if (!got.ok) return this.setData({ loading: false, loadError: got.error.message });
    this.all = got.data.items;
    this.setData({ teams: this.all.map(teamRow) });
    await loadFirst(
      this,
      () => registrations(this.communityId, 'approved'),
      (items) => items.map((r) => memberRow(r, this.all)),
    );
  },

  loadMore() {
    return loadMore(
      this,
      (cursor) => registrations(this.communityId, 'approved', cursor),
      (items) => items.map((r) => memberRow(r, this.all)),
    );
  },

  onName(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ name: e.detail.value, message: '' });
  },

  async onAddTeam() {
    const checked = checkedTeamName(this.data.name);
    if (!checked.ok) return this.setData({ message: checked.message, messageKind: 'error' });
    if (await this.send(`team|${checked.name}`, (key) => saveTeam(this.communityId, checked.name, key))) this.setData({ name: '', message: `已添加“${checked.name}”`, messageKind: 'ok' });
  },

  onTeam(e: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { index: number }>) {
    const row = this.data.rows[Number(e.currentTarget.dataset.index)];
    const team = this.all[Number(e.detail.value)];
    if (row && team) void this.place(row, team.id, POST_CHOICES[row.postIndex].value);
  },

  onPost(e: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { index: number }>) {
    const row = this.data.rows[Number(e.currentTarget.dataset.index)];
    const post = POST_CHOICES[Number(e.detail.value)];
    if (!row || !post) return;
    if (!row.teamId) return this.setData({ message: `请先给${row.name}选一个服务队`, messageKind: 'error' });
    void this.place(row, row.teamId, post.value);
  },

  async place(row: MemberRow, teamId: string, post: Post | null) {
    const index = this.data.rows.findIndex((r) => r.id === row.id);
    const saved: { row?: MemberRow } = {};
    const done = await this.send(`post|${row.id}|${teamId}|${post}`, async (key) => {
      const sent = await setPost(row.id, teamId, post, key);
      if (sent.ok) saved.row = memberRow(sent.data, this.all);
      return sent;
    });
    if (done && saved.row) this.setData({ [`rows[${index}]`]: saved.row, message: `已保存：${row.name} ${saved.row.place}`, messageKind: 'ok' });
  },

  /** A write sent once however often tapped; then the teams (and their counts) again. */
  async send(request: string, write: (key: string) => Promise<Result<unknown>>): Promise<boolean> {
    if (this.data.busy) return false;
    this.setData({ busy: true, message: '' });
    const { sent, memo } = await sendOnce(this.retry, request, write);
    this.retry = memo;
    this.setData({ busy: false });
    if (!sent.ok) {
      this.setData({ message: sent.error.message, messageKind: 'error' });
      return false;
    }
    const got = await teams(this.communityId);
    if (got.ok) {
      this.all = got.data.items;
      this.setData({ teams: this.all.map(teamRow) });
    }
    return true;
  },
});
