/**
 * 发布任务与排班 (committee): residents' 微心愿 waiting to be vetted (发布 without their phone or room,
 * or 婉拒 with a reason), the form for a governance task or a duty rota (its dated shifts are made at
 * once), and what is open now with the places left.
 */
import { Result } from '../../../generated/domain';
import { NO_RETRY, sendOnce } from '../../../services/api/idempotency';
import { elderMode } from '../../../services/display/display';
import { askReason } from '../../../utils/ask-reason/ask-reason';
import { loadEvents } from '../../../utils/page-events/page-events';
import { inMyCommunity } from '../../services/desk';
import { openTasks, publishTask, saveRota, vetWish, wishesToVet } from '../../services/party';
import { OpenRow, TaskForm, WEEKDAYS, WishRow, blankForm, openRow, rotaInput, taskInput, wishRow } from './view';

Page({
  ...loadEvents,
  data: {
    elder: false,
    loading: true,
    loadError: '',
    wishes: [] as WishRow[],
    open: [] as OpenRow[],
    /** 'task' or 'rota': which form is shown. */
    mode: 'task' as 'task' | 'rota',
    form: blankForm(),
    weekdays: WEEKDAYS,
    busy: false,
    message: '',
    messageKind: '' as 'ok' | 'error' | '',
  },

  communityId: '',
  retry: NO_RETRY,

  onLoad() {
    this.setData({ elder: elderMode() });
    void this.load();
  },

  async load() {
    this.setData({ loading: this.data.open.length === 0 && this.data.wishes.length === 0, loadError: '' });
    const wishes = await inMyCommunity(this, wishesToVet);
    if (!wishes.ok) return this.setData({ loading: false, loadError: wishes.error.message });
    const open = await openTasks(this.communityId, this.data.mode === 'rota' ? 'shift' : undefined);
    if (!open.ok) return this.setData({ loading: false, loadError: open.error.message });
    this.setData({ loading: false, wishes: wishes.data.items.map(wishRow), open: open.data.items.map(openRow) });
  },

  onMode(e: WechatMiniprogram.TouchEvent) {
    const mode = e.currentTarget.dataset.mode === 'rota' ? 'rota' : 'task';
    this.setData({ mode, message: '' });
    void this.load();
  },

  onField(e: WechatMiniprogram.CustomEvent<{ value: string | string[] }, Record<string, never>, { field: keyof TaskForm }>) {
    this.setData({ [`form.${e.currentTarget.dataset.field}`]: e.detail.value, message: '' });
  },

  async onPublish() {
    const checked = this.data.mode === 'rota' ? rotaInput(this.communityId, this.data.form) : taskInput(this.communityId, this.data.form);
    if (!checked.ok) return this.setData({ message: checked.message, messageKind: 'error' });
    const input = checked.input;
    const said = { text: '' };
    const done = await this.send(JSON.stringify(input), async (key) => {
      if ('weekdays' in input) {
        const sent = await saveRota(input, key);
        if (sent.ok) said.text = `已排班“${input.title}”，生成 ${sent.data.generated} 个班次`;
        return sent;
      }
      const sent = await publishTask(input, key);
      if (sent.ok) said.text = `已发布“${sent.data.title}”，${sent.data.places} 个名额`;
      return sent;
    });
    if (done) this.setData({ form: blankForm(), message: said.text, messageKind: 'ok' });
  },

  onPublishWish(e: WechatMiniprogram.TouchEvent) {
    const id = String(e.currentTarget.dataset.id || '');
    const wish = this.data.wishes.find((w) => w.id === id);
    if (wish)
      void this.send(`vet|${id}|publish`, (key) => vetWish({ taskId: id, publish: true, hours: 1 }, key)).then(
        (done) => done && this.setData({ message: `已发布心愿“${wish.title}”，党员看不到居民的电话和门牌`, messageKind: 'ok' }),
      );
  },

  onDeclineWish(e: WechatMiniprogram.TouchEvent) {
    const id = String(e.currentTarget.dataset.id || '');
    if (!id || this.data.busy) return;
    void askReason({ title: '婉拒理由', placeholder: '请写明理由，会告知提出心愿的居民', confirmText: '婉拒', tooShort: '请写明婉拒理由' }).then(async (reason) => {
      if (reason && (await this.send(`vet|${id}|${reason}`, (key) => vetWish({ taskId: id, publish: false, reason }, key)))) this.setData({ message: '已婉拒，理由会告诉居民', messageKind: 'ok' });
    });
  },

  /** A write sent once however often tapped; then the lists again. */
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
    await this.load();
    return true;
  },
});
