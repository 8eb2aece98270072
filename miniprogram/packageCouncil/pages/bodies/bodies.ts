/**
 * 议事机构 (committee, from the desk): the community's bodies as a tree (群英荟 → 自治议事会 →
 * 工作委员会), each with its scope, convener and members; 新增 or 编辑 one: name, kind, the body above
 * it, the scope (the community, some grids, some buildings), the convener and the members, chosen
 * from the community's residents. A refusal keeps the form with the reason. Logic in ./view.
 */
import { NO_RETRY, submitOnce } from '../../../services/api/idempotency';
import { Body, Member, allBodies, myCouncilDesk, residents, saveBody } from '../../../services/council/council';
import { elderMode } from '../../../services/display/display';
import { getTree } from '../../../services/user/user';
import { loadEvents } from '../../../utils/page-events/page-events';
import { appendPatch } from '../../../utils/paged-list/paged-list';
import { BodyDraft, BodyRow, KIND_CHOICES, SCOPE_CHOICES, bodyRows, checkBody, draftOf, emptyDraft, toggled } from './view';

const PAGE = 20;
const marked = (ids: readonly string[]): Record<string, boolean> => Object.fromEntries(ids.map((id) => [id, true]));

interface Choice {
  id: string;
  name: string;
}

Page({
  ...loadEvents,
  data: {
    elder: false,
    loading: true,
    loadError: '',
    rows: [] as BodyRow[],
    editing: false,
    draft: emptyDraft() as BodyDraft,
    kinds: KIND_CHOICES,
    scopes: SCOPE_CHOICES,
    parents: [] as Choice[],
    units: [] as Choice[],
    people: [] as Choice[],
    /** Which scope units and members are chosen, by id (WXML reads a key, it cannot search a list). */
    unitOn: {} as Record<string, boolean>,
    memberOn: {} as Record<string, boolean>,
    submitting: false,
    formError: '',
    message: '',
  },

  communityId: '',
  all: [] as Body[],
  grids: [] as Choice[],
  buildings: [] as Choice[],
  retry: NO_RETRY,

  onLoad() {
    this.retry = NO_RETRY;
    this.setData({ elder: elderMode() });
    void this.load();
  },

  async load() {
    this.setData({ loading: !this.data.rows.length, loadError: '' });
    const desk = await myCouncilDesk();
    if (!desk.ok) return this.setData({ loading: false, loadError: desk.error.message });
    this.communityId = desk.data.communityId;
    const [got, tree, people] = await Promise.all([allBodies(this.communityId), getTree(this.communityId), residents(this.communityId)]);
    if (!got.ok) return this.setData({ loading: false, loadError: got.error.message });
    if (!tree.ok) return this.setData({ loading: false, loadError: tree.error.message });
    const live = tree.data.units.filter((u) => !u.archived);
    this.grids = live.filter((u) => u.kind === 'grid').map((u) => ({ id: u.id, name: u.name }));
    this.buildings = live.filter((u) => u.kind === 'building').map((u) => ({ id: u.id, name: u.name }));
    const persons = people.ok ? people.data.map((m: Member) => ({ id: m.openid, name: `${m.realName || m.displayName}${m.building ? `（${m.building.name}）` : ''}` })) : [];
    const names = new Map([...live.map((u) => [u.id, u.name] as const), ...persons.map((p) => [p.id, p.name] as const)]);
    this.all = got.data;
    const rows = bodyRows(got.data, (id) => names.get(id) || id);
    this.setData({ loading: false, rows: rows.slice(0, PAGE), people: persons.slice(0, PAGE) });
    // 1+7+49 bodies and a community's residents cross to the view a page at a time, as every list does.
    for (let at = PAGE; at < rows.length; at += PAGE) this.setData(appendPatch('rows', at, rows.slice(at, at + PAGE)));
    for (let at = PAGE; at < persons.length; at += PAGE) this.setData(appendPatch('people', at, persons.slice(at, at + PAGE)));
  },

  open(draft: BodyDraft) {
    const parents = this.all.filter((b) => b.id !== draft.bodyId).map((b) => ({ id: b.id, name: b.name }));
    this.setData({ editing: true, draft, parents, units: this.unitsFor(draft.scopeKind), unitOn: marked(draft.scopeIds), memberOn: marked(draft.members), formError: '', message: '' });
  },

  unitsFor(kind: BodyDraft['scopeKind']): Choice[] {
    return kind === 'grids' ? this.grids : kind === 'buildings' ? this.buildings : [];
  },

  onNew() {
    this.open(emptyDraft());
  },

  onEdit(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
    const body = this.all.find((b) => b.id === e.currentTarget.dataset.id);
    if (body) this.open(draftOf(body));
  },

  onCancel() {
    this.setData({ editing: false, formError: '' });
  },

  onName(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ 'draft.name': e.detail.value, formError: '' });
  },

  onPick(e: WechatMiniprogram.BaseEvent<Record<string, never>, { field: string; value: string }>) {
    const { field, value } = e.currentTarget.dataset;
    const d = this.data.draft;
    if (field === 'kind') this.setData({ 'draft.kind': value });
    else if (field === 'parent') this.setData({ 'draft.parentId': d.parentId === value ? '' : value });
    else if (field === 'scope') this.setData({ 'draft.scopeKind': value, 'draft.scopeIds': [], unitOn: {}, units: this.unitsFor(value as BodyDraft['scopeKind']) });
    else if (field === 'unit') this.setData({ 'draft.scopeIds': toggled(d.scopeIds, value), [`unitOn.${value}`]: !d.scopeIds.includes(value) });
    else if (field === 'convener') this.setData({ 'draft.convener': d.convener === value ? '' : value });
    else if (field === 'member') this.setData({ 'draft.members': toggled(d.members, value), [`memberOn.${value}`]: !d.members.includes(value) });
    this.setData({ formError: '' });
  },

  async onSave() {
    if (this.data.submitting) return;
    const checked = checkBody(this.communityId, this.data.draft);
    if (!checked.ok) return this.setData({ formError: checked.message });
    const sent = await submitOnce(this, JSON.stringify(checked.input), (key) => saveBody(checked.input, key));
    if (!sent) return;
    this.setData({ submitting: false, editing: false, message: `已保存：${sent.data.name}` });
    await this.load();
  },
});
