/**
 * 纸质票录入 (committee, from a topic being voted on, `?topicId=`, or from an open 群众评优,
 * `?campaignId=`): a household that voted on paper, by building and room (in a per-person vote also
 * the resident who signed it, chosen from those living there), and what its ballot marks. The roll
 * records that it came on paper; the ballot itself does not. The same household (or person) twice
 * is refused in words; the turnout updates after each. Logic in ./view.
 */
import { Result } from '../../../generated/domain';
import { NO_RETRY, sendOnce } from '../../../services/api/idempotency';
import { campaign, campaignPaperBallot } from '../../../services/council/campaigns';
import { Member, deskOf, paperBallot, residents, topic } from '../../../services/council/council';
import { campaignView } from '../../../services/council/present-campaigns';
import { toggleChoice, voteView } from '../../../services/council/present';
import { elderMode } from '../../../services/display/display';
import { getTree } from '../../../services/user/user';
import { loadEvents } from '../../../utils/page-events/page-events';
import { PaperInput, Sheet, campaignSheet, checkPaper, peopleOf, voteSheet } from './view';

Page({
  ...loadEvents,
  data: {
    elder: false,
    loading: true,
    loadError: '',
    vote: null as Sheet | null,
    buildings: [] as { id: string; name: string }[],
    buildingId: '',
    room: '',
    people: [] as { openid: string; name: string }[],
    openid: '',
    choices: [] as number[],
    marks: [] as boolean[],
    submitting: false,
    formError: '',
    entered: '',
  },

  topicId: '',
  campaignId: '',
  communityId: '',
  members: [] as Member[],
  retry: NO_RETRY,

  onLoad(query: Record<string, string | undefined>) {
    this.topicId = (query && query.topicId) || '';
    this.campaignId = (query && query.campaignId) || '';
    this.retry = NO_RETRY;
    this.setData({ elder: elderMode() });
    void this.load();
  },

  /** The sheet being copied: the topic's vote, or the campaign. */
  async sheet(): Promise<Result<Sheet>> {
    if (this.campaignId) {
      const got = await campaign(this.campaignId);
      return got.ok ? { ok: true, data: campaignSheet(campaignView(got.data.campaign, Date.now())) } : got;
    }
    const got = await topic(this.topicId);
    if (!got.ok) return got;
    const v = got.data.vote;
    if (!v) return { ok: false, error: { code: 'FAILED_PRECONDITION', message: '这个议题还没有发起表决' } };
    return { ok: true, data: voteSheet(voteView(v, Date.now()), v.unit) };
  },

  async load() {
    const desk = await deskOf(this);
    if (!desk) return;
    this.communityId = desk.communityId;
    const [sheet, tree] = await Promise.all([this.sheet(), getTree(this.communityId)]);
    if (!sheet.ok) return this.setData({ loading: false, loadError: sheet.error.message });
    if (!tree.ok) return this.setData({ loading: false, loadError: tree.error.message });
    const buildings = tree.data.units.filter((u) => u.kind === 'building' && !u.archived).map((u) => ({ id: u.id, name: u.name }));
    this.setData({ loading: false, vote: sheet.data, buildings, marks: sheet.data.options.map(() => false) });
  },

  async onBuilding(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
    const buildingId = String(e.currentTarget.dataset.id || '');
    this.setData({ buildingId, formError: '', openid: '', people: [] });
    if (!this.data.vote || !this.data.vote.person) return;
    // Per person: who lives in the building, to name the ballot's signer.
    const got = await residents(this.communityId, 5, buildingId);
    if (!got.ok) return this.setData({ formError: got.error.message });
    this.members = got.data;
    this.setData({ people: peopleOf(this.members, this.data.room) });
  },

  onRoom(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    const people = this.data.vote && this.data.vote.person ? peopleOf(this.members, e.detail.value) : [];
    this.setData({ room: e.detail.value, formError: '', people, openid: people.some((p) => p.openid === this.data.openid) ? this.data.openid : '' });
  },

  onPerson(e: WechatMiniprogram.BaseEvent<Record<string, never>, { openid: string }>) {
    this.setData({ openid: String(e.currentTarget.dataset.openid || ''), formError: '' });
  },

  onChoose(e: WechatMiniprogram.BaseEvent<Record<string, never>, { index: number }>) {
    const v = this.data.vote;
    if (!v) return;
    const choices = toggleChoice(this.data.choices, Number(e.currentTarget.dataset.index), v.maxChoices);
    this.setData({ choices, marks: v.options.map((_, k) => choices.includes(k)), formError: '' });
  },

  send(input: PaperInput, key: string): Promise<Result<Sheet>> {
    const v = this.data.vote as Sheet;
    if (this.campaignId) {
      return campaignPaperBallot({ campaignId: v.id, buildingId: input.buildingId, room: input.room, choices: input.choices }, key).then((r) =>
        r.ok ? { ok: true, data: campaignSheet(campaignView(r.data.campaign, Date.now())) } : r,
      );
    }
    return paperBallot({ ...input, voteId: v.id }, key).then((r) => (r.ok ? { ok: true, data: voteSheet(voteView(r.data.vote, Date.now()), r.data.vote.unit) } : r));
  },

  async onSubmit() {
    const v = this.data.vote;
    if (!v || this.data.submitting) return;
    const checked = checkPaper(this.data, v);
    if (!checked.ok) return this.setData({ formError: checked.message });
    this.setData({ submitting: true, formError: '', entered: '' });
    const { sent, memo } = await sendOnce(this.retry, JSON.stringify(checked.input), (key) => this.send(checked.input, key));
    this.retry = memo;
    if (!sent.ok) return this.setData({ submitting: false, formError: sent.error.message });
    const building = this.data.buildings.find((b) => b.id === checked.input.buildingId);
    const who = this.data.people.find((p) => p.openid === checked.input.openid);
    // Cleared for the next ballot; what this one marked is not kept on screen.
    this.setData({
      submitting: false,
      vote: sent.data,
      entered: `已录入 ${building ? building.name : ''} ${checked.input.room}${who ? ` ${who.name}` : ''} 的纸质票`,
      room: '',
      people: [],
      openid: '',
      choices: [],
      marks: v.options.map(() => false),
    });
  },
});
