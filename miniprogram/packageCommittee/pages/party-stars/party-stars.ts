/**
 * 党员岗位评星 (committee): for the year, each approved member's peer and party-organisation scores
 * (each out of 100; verified service and residents' ratings are counted by the function), then 公示评星
 * computes everyone's stars and posts them for 5 days of objections before they are final.
 */
import { Result, shanghaiYear } from '../../../generated/domain';
import { NO_RETRY, sendOnce } from '../../../services/api/idempotency';
import { ListData, listData, listEvents, loadFirst, loadMore } from '../../../utils/paged-list/paged-list';
import { inMyCommunity } from '../../services/desk';
import { Registration, postStars, registrations, scoreMember, stars } from '../../services/party';
import { StarRow, scoresOf, starRow, withStars } from './view';

interface StarsData extends ListData<StarRow> {
  elder: boolean;
  year: number;
  busy: boolean;
  message: string;
  messageKind: 'ok' | 'error' | '';
}

const initialData: StarsData = { ...listData<StarRow>(), elder: false, year: shanghaiYear(new Date()), busy: false, message: '', messageKind: '' };

Page({
  data: initialData,
  ...listEvents,

  communityId: '',
  retry: NO_RETRY,

  /** The members of a page with their stars of the year, where there are any (none yet is not an error). */
  async rowsOf(items: Registration[]): Promise<StarRow[]> {
    const records = await Promise.all(items.map((r) => stars(this.data.year, r.openid)));
    return items.map((r, i) => {
      const got = records[i];
      return withStars(starRow(r), got.ok ? got.data : null);
    });
  },

  load() {
    return loadFirst(
      this,
      () => inMyCommunity(this, (c) => registrations(c, 'approved')),
      (items) => this.rowsOf(items),
    );
  },

  loadMore() {
    return loadMore(
      this,
      (cursor) => registrations(this.communityId, 'approved', cursor),
      (items) => this.rowsOf(items),
    );
  },

  onScore(e: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { index: number; part: 'peer' | 'party' }>) {
    const { index, part } = e.currentTarget.dataset;
    this.setData({ [`rows[${index}].${part}`]: e.detail.value, message: '' });
  },

  async onSaveScore(e: WechatMiniprogram.TouchEvent) {
    const index = Number(e.currentTarget.dataset.index);
    const row = this.data.rows[index];
    if (!row) return;
    const checked = scoresOf(row);
    if (!checked.ok) return this.setData({ message: checked.message, messageKind: 'error' });
    const sent = await this.send(`score|${row.id}|${checked.peer}|${checked.party}`, (key) => scoreMember(row.id, this.data.year, checked.peer, checked.party, key));
    if (sent && sent.ok) this.setData({ [`rows[${index}]`]: withStars(row, sent.data), message: `已记录${row.name}的评分`, messageKind: 'ok' });
  },

  async onPost() {
    const sent = await this.send(`post|${this.data.year}`, (key) => postStars(this.communityId, this.data.year, key));
    if (sent && sent.ok) {
      await this.load();
      this.setData({ message: `已公示 ${sent.data.posted} 名党员的 ${this.data.year} 年评星，5 天内可提出异议`, messageKind: 'ok' });
    }
  },

  /** A write sent once however often tapped; its answer (a failure is said on the page), or null while another runs. */
  async send<T>(request: string, write: (key: string) => Promise<Result<T>>): Promise<Result<T> | null> {
    if (this.data.busy) return null;
    this.setData({ busy: true, message: '' });
    const { sent, memo } = await sendOnce(this.retry, request, write);
    this.retry = memo;
    this.setData({ busy: false });
    if (!sent.ok) this.setData({ message: sent.error.message, messageKind: 'error' });
    return sent;
  },
});
