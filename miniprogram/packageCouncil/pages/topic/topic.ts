/**
 * 议题 (from the 议事厅 and the committee's desk, `?id=`): the text and photos, the supports (附议
 * once per household, and a clear word when my household already did), the screening's answer
 * (the reason when declined), the vote (a secret ballot, one per household; the result with turnout,
 * quorum and decision after the close), and, for the committee, 审查, 发起表决, 纸质票录入, 结束表决.
 * Below the vote, each its own component: the follow-up project, the meetings with their minutes,
 * and the comments. A refusal is said on the page. Logic in ./view and services/council.
 */
import { Profile, Result } from '../../../generated/domain';
import { NO_RETRY, sendOnce } from '../../../services/api/idempotency';
import { Scope, TopicDetail, bodies, castVote, closeVote, screen, support, topic } from '../../../services/council/council';
import { startProject } from '../../../services/council/deliberation';
import { toggleChoice } from '../../../services/council/present';
import { elderMode } from '../../../services/display/display';
import { imageUrls } from '../../../services/storage/storage';
import { getMe } from '../../../services/user/user';
import { askReason } from '../../../utils/ask-reason/ask-reason';
import { loadEvents } from '../../../utils/page-events/page-events';
import { TopicScreen, hasCommitteeMove, topicScreen } from './view';

Page({
  ...loadEvents,
  data: {
    elder: false,
    loading: true,
    loadError: '',
    screen: null as TopicScreen | null,
    moves: false,
    /** The ballot being filled in: which options are marked. */
    marks: [] as boolean[],
    busy: false,
    message: '',
    messageKind: '' as 'ok' | 'error' | '',
    /** Bumped on each return to the page: the meetings and the project read themselves again. */
    version: 0,
  },

  topicId: '',
  me: null as Profile | null,
  detail: null as TopicDetail | null,
  retry: NO_RETRY,
  shown: false,
  /** The ballot: chosen option indexes, kept here so a retry sends the same one. */
  ballot: [] as number[],
  ballotFor: '',
  /** The topic's body's scope, once found (to say before a tap who may support). */
  scope: null as Scope | null,

  onLoad(query: Record<string, string | undefined>) {
    this.topicId = (query && query.id) || '';
    this.retry = NO_RETRY;
    this.setData({ elder: elderMode() });
    void this.load();
  },

  onShow() {
    loadEvents.onShow.call(this);
    // Back from 发起表决, 纸质票录入, 发布纪要 or 更新进展: the topic has moved on.
    if (this.shown && !this.data.loading) {
      this.setData({ version: this.data.version + 1 });
      void this.load();
    }
    this.shown = true;
  },

  async load() {
    this.setData({ loading: !this.data.screen, loadError: '' });
    const [got, me] = await Promise.all([topic(this.topicId), this.me ? Promise.resolve(null) : getMe()]);
    if (me && me.ok) this.me = me.data;
    if (!got.ok) return this.setData({ loading: false, loadError: got.error.message });
    if (!this.scope && got.data.topic.stage === 'proposed') this.scope = await this.scopeOf(got.data.topic.communityId, got.data.topic.bodyId);
    await this.show(got.data);
    this.setData({ loading: false });
  },

  async show(d: TopicDetail) {
    this.detail = d;
    const urls = await imageUrls(d.topic.photos);
    const byId = new Map(d.topic.photos.map((id, i) => [id, urls[i]]));
    const view = topicScreen(d, this.me, Date.now(), (id) => byId.get(id) || id, this.scope);
    const voteId = d.vote ? d.vote.id : '';
    if (voteId !== this.ballotFor || d.myHouseholdVoted) {
      this.ballotFor = voteId;
      this.ballot = [];
    }
    this.setData({ screen: view, moves: hasCommitteeMove(view.committee), marks: this.marks() });
  },

  /** The body's scope from the community's bodies (a few pages at most); null when not found, and the function judges. */
  async scopeOf(communityId: string, bodyId: string): Promise<Scope | null> {
    let cursor: string | undefined;
    for (let i = 0; i < 3; i++) {
      const got = await bodies(communityId, cursor);
      if (!got.ok) return null;
      const body = got.data.items.find((b) => b.id === bodyId);
      if (body) return body.scope;
      if (!got.data.nextCursor) return null;
      cursor = got.data.nextCursor;
    }
    return null;
  },

  say(message: string, kind: 'ok' | 'error') {
    this.setData({ message, messageKind: kind });
  },

  /** One write; on success the topic is read again and `done` said. */
  async send<T>(request: string, write: (key: string) => Promise<Result<T>>, done: string): Promise<void> {
    if (this.data.busy) return;
    this.setData({ busy: true, message: '', messageKind: '' });
    const { sent, memo } = await sendOnce(this.retry, request, write);
    this.retry = memo;
    if (!sent.ok) {
      this.setData({ busy: false });
      return this.say(sent.error.message, 'error');
    }
    const again = await topic(this.topicId);
    if (again.ok) await this.show(again.data);
    this.setData({ busy: false });
    this.say(done, 'ok');
  },

  onSupport() {
    return this.send(`support/${this.topicId}`, (key) => support(this.topicId, key), '已附议，谢谢您的支持');
  },

  marks(): boolean[] {
    const d = this.detail;
    return d && d.vote ? d.vote.options.map((_, i) => this.ballot.includes(i)) : [];
  },

  onChoose(e: WechatMiniprogram.CustomEvent<{ index: number }>) {
    const d = this.detail;
    if (!d || !d.vote || this.data.busy) return;
    this.ballot = toggleChoice(this.ballot, Number(e.detail.index), d.vote.maxChoices);
    this.setData({ marks: this.marks(), message: '', messageKind: '' });
  },

  onCast() {
    const d = this.detail;
    const choices = [...this.ballot];
    if (!d || !d.vote) return;
    if (choices.length === 0) return this.say('请先选择', 'error');
    const voteId = d.vote.id;
    return this.send(`castVote/${voteId}/${choices.join(',')}`, (key) => castVote(voteId, choices, key), '您的票已计入');
  },

  onAccept() {
    return this.send(`screen/${this.topicId}/accept`, (key) => screen(this.topicId, 'accept', undefined, key), '已受理');
  },

  async onDecline() {
    const reason = await askReason({
      title: '不予受理',
      placeholder: '写明理由：居民会看到',
      confirmText: '不予受理',
      tooShort: '理由至少 2 个字',
      onTooShort: (msg) => this.say(msg, 'error'),
    });
    if (reason) await this.send(`screen/${this.topicId}/decline/${reason}`, (key) => screen(this.topicId, 'decline', reason, key), '已不予受理，理由已公开');
  },

  onMeeting() {
    wx.navigateTo({ url: `/packageCouncil/pages/meeting/meeting?topicId=${encodeURIComponent(this.topicId)}` });
  },

  onOpenVote() {
    wx.navigateTo({ url: `/packageCouncil/pages/open-vote/open-vote?topicId=${encodeURIComponent(this.topicId)}` });
  },

  onPaper() {
    const d = this.detail;
    if (d && d.vote) wx.navigateTo({ url: `/packageCouncil/pages/paper-ballot/paper-ballot?topicId=${encodeURIComponent(this.topicId)}` });
  },

  onClose() {
    const d = this.detail;
    if (!d || !d.vote) return;
    const voteId = d.vote.id;
    return this.send(`closeVote/${voteId}`, (key) => closeVote(voteId, key), '已计票并公布结果');
  },

  onStartProject() {
    return this.send(
      `startProject/${this.topicId}`,
      async (key) => {
        const started = await startProject(this.topicId, key);
        if (started.ok) this.setData({ version: this.data.version + 1 });
        return started;
      },
      '已启动落实，请及时更新进展',
    );
  },

  onPreview(e: WechatMiniprogram.BaseEvent<Record<string, never>, { url: string; urls: string[] }>) {
    const { url, urls } = e.currentTarget.dataset;
    wx.previewImage({ current: url, urls: Array.isArray(urls) ? urls : [url] });
  },
});
