/**
 * 纸质票录入 (committee, from a topic being voted on, `?topicId=`): a household that voted on paper,
 * by building and room, and what its ballot marks. The roll records that it came on paper; the
 * ballot itself does not. The same household twice is refused in words; the turnout updates after
 * each. Logic in ./view.
 */
import { NO_RETRY, sendOnce } from '../../../services/api/idempotency';
import { Vote, myCouncilDesk, paperBallot, topic } from '../../../services/council/council';
import { VoteView, toggleChoice, voteView } from '../../../services/council/present';
import { elderMode } from '../../../services/display/display';
import { getTree } from '../../../services/user/user';
import { loadEvents } from '../../../utils/page-events/page-events';
import { checkPaper } from './view';

interface Building {
  id: string;
  name: string;
}

Page({
  ...loadEvents,
  data: {
    elder: false,
    loading: true,
    loadError: '',
    vote: null as VoteView | null,
    buildings: [] as Building[],
    buildingId: '',
    room: '',
    choices: [] as number[],
    marks: [] as boolean[],
    submitting: false,
    formError: '',
    entered: '',
  },

  topicId: '',
  current: null as Vote | null,
  retry: NO_RETRY,

  onLoad(query: Record<string, string | undefined>) {
    this.topicId = (query && query.topicId) || '';
    this.retry = NO_RETRY;
    this.setData({ elder: elderMode() });
    void this.load();
  },

  async load() {
    this.setData({ loading: true, loadError: '' });
    const desk = await myCouncilDesk();
    if (!desk.ok) return this.setData({ loading: false, loadError: desk.error.message });
    const [got, tree] = await Promise.all([topic(this.topicId), getTree(desk.data.communityId)]);
    if (!got.ok) return this.setData({ loading: false, loadError: got.error.message });
    if (!tree.ok) return this.setData({ loading: false, loadError: tree.error.message });
    if (!got.data.vote) return this.setData({ loading: false, loadError: '这个议题还没有发起表决' });
    this.current = got.data.vote;
    const buildings = tree.data.units.filter((u) => u.kind === 'building' && !u.archived).map((u) => ({ id: u.id, name: u.name }));
    this.setData({ loading: false, vote: voteView(got.data.vote, Date.now()), buildings, marks: got.data.vote.options.map(() => false) });
  },

  onBuilding(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
    this.setData({ buildingId: String(e.currentTarget.dataset.id || ''), formError: '' });
  },

  onRoom(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ room: e.detail.value, formError: '' });
  },

  onChoose(e: WechatMiniprogram.BaseEvent<Record<string, never>, { index: number }>) {
    const v = this.current;
    if (!v) return;
    const choices = toggleChoice(this.data.choices, Number(e.currentTarget.dataset.index), v.maxChoices);
    this.setData({ choices, marks: v.options.map((_, k) => choices.includes(k)), formError: '' });
  },

  async onSubmit() {
    const v = this.current;
    if (!v || this.data.submitting) return;
    const checked = checkPaper(v.id, this.data, v.maxChoices);
    if (!checked.ok) return this.setData({ formError: checked.message });
    this.setData({ submitting: true, formError: '', entered: '' });
    const { sent, memo } = await sendOnce(this.retry, JSON.stringify(checked.input), (key) => paperBallot(checked.input, key));
    this.retry = memo;
    if (!sent.ok) return this.setData({ submitting: false, formError: sent.error.message });
    const building = this.data.buildings.find((b) => b.id === checked.input.buildingId);
    this.current = sent.data.vote;
    // Cleared for the next ballot; what this one marked is not kept on screen.
    this.setData({
      submitting: false,
      vote: voteView(sent.data.vote, Date.now()),
      entered: `已录入 ${building ? building.name : ''} ${checked.input.room} 的纸质票`,
      room: '',
      choices: [],
      marks: v.options.map(() => false),
    });
  },
});
