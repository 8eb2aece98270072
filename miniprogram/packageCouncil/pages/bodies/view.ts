/**
 * 议事机构 (pure): the community's bodies as an indented tree with kind, scope, convener and members
 * by name; and the committee's draft of one body checked as the function checks it.
 */
import { BODY_KIND_NAMES, bodyTree, scopeText } from '../../../services/council/present';
import { Body, BodyChange, BodyKind } from '../../../services/council/types';

export interface BodyRow {
  id: string;
  name: string;
  depth: number;
  kind: string;
  scope: string;
  people: string;
}

export function bodyRows(all: readonly Body[], nameOf: (id: string) => string): BodyRow[] {
  return bodyTree(all).map(({ body, depth }) => ({
    id: body.id,
    name: body.name,
    depth,
    kind: BODY_KIND_NAMES[body.kind],
    scope: scopeText(body.scope, nameOf),
    people: `召集人：${body.convener ? nameOf(body.convener) : '未定'} · 成员 ${body.members.length} 人`,
  }));
}

export interface BodyDraft {
  bodyId: string;
  name: string;
  kind: BodyKind;
  parentId: string;
  scopeKind: 'community' | 'grids' | 'buildings';
  scopeIds: string[];
  convener: string;
  members: string[];
}

export const emptyDraft = (): BodyDraft => ({ bodyId: '', name: '', kind: 'workingCommittee', parentId: '', scopeKind: 'community', scopeIds: [], convener: '', members: [] });

export function draftOf(b: Body): BodyDraft {
  return {
    bodyId: b.id,
    name: b.name,
    kind: b.kind,
    parentId: b.parentId || '',
    scopeKind: b.scope.kind,
    scopeIds: b.scope.kind === 'community' ? [] : [...b.scope.ids],
    convener: b.convener || '',
    members: [...b.members],
  };
}

export const KIND_CHOICES = (Object.keys(BODY_KIND_NAMES) as BodyKind[]).map((value) => ({ value, name: BODY_KIND_NAMES[value] }));
export const SCOPE_CHOICES = [
  { value: 'community', name: '全居民区' },
  { value: 'grids', name: '部分网格' },
  { value: 'buildings', name: '部分楼栋' },
];

export type CheckedBody = { ok: true; input: BodyChange } | { ok: false; message: string };

export function checkBody(communityId: string, d: BodyDraft): CheckedBody {
  const name = d.name.trim();
  if (name.length < 2 || name.length > 30) return { ok: false, message: '名称应为 2–30 个字' };
  if (d.scopeKind !== 'community' && d.scopeIds.length === 0) return { ok: false, message: d.scopeKind === 'grids' ? '请选择至少一个网格' : '请选择至少一栋楼' };
  if (d.members.length > 60) return { ok: false, message: '成员最多 60 人' };
  if (d.bodyId && d.parentId === d.bodyId) return { ok: false, message: '上级不能是它自己' };
  const scope: BodyChange['scope'] = d.scopeKind === 'community' ? { kind: 'community' } : { kind: d.scopeKind, ids: d.scopeIds };
  const input: BodyChange = {
    communityId,
    parentId: d.parentId || null,
    kind: d.kind,
    name,
    scope,
    convener: d.convener || null,
    members: d.members.filter((m) => m !== d.convener),
  };
  if (d.bodyId) input.bodyId = d.bodyId;
  return { ok: true, input };
}

/** Adds `id` to `list`, or takes it out. */
export const toggled = (list: readonly string[], id: string): string[] => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);
