/** The notice form's choices and checks, and what publishing did, in plain words (pure). */
import { contract } from '../../../generated/domain';
import type { Notice, NoticeAudience, NoticeInput, Unit } from '../../services/community';

export type AudienceKind = NoticeAudience['kind'];

export interface AudienceOption {
  kind: AudienceKind;
  label: string;
}

export const AUDIENCE_OPTIONS: AudienceOption[] = [
  { kind: 'community', label: '本居民区全体居民' },
  { kind: 'grids', label: '指定网格' },
  { kind: 'buildings', label: '指定楼组' },
  { kind: 'public', label: '公开（未绑定楼组的访客也能看到）' },
];

/** One grid or building to tick. */
export interface UnitChoice {
  id: string;
  name: string;
  checked: boolean;
}

export interface NoticeValues {
  title: string;
  content: string;
  pinned: boolean;
  audienceKind: AudienceKind;
  grids: UnitChoice[];
  buildings: UnitChoice[];
}

/** The community's live grids or buildings, in the tree's order. */
export function unitChoices(units: Unit[], kind: 'grid' | 'building', communityId: string): UnitChoice[] {
  return units.filter((u) => u.kind === kind && u.communityId === communityId && !u.archived).map((u) => ({ id: u.id, name: u.name, checked: false }));
}

/** The choices with exactly the given ids ticked. */
export function ticked(choices: UnitChoice[], ids: string[]): UnitChoice[] {
  return choices.map((c) => ({ ...c, checked: ids.includes(c.id) }));
}

function audienceOf(values: NoticeValues): NoticeAudience | string {
  const pick = (choices: UnitChoice[]) => choices.filter((c) => c.checked).map((c) => c.id);
  switch (values.audienceKind) {
    case 'grids': {
      const ids = pick(values.grids);
      return ids.length > 0 ? { kind: 'grids', ids } : '请至少选择一个网格';
    }
    case 'buildings': {
      const ids = pick(values.buildings);
      return ids.length > 0 ? { kind: 'buildings', ids } : '请至少选择一个楼组';
    }
    case 'public':
      return { kind: 'public' };
    default:
      return { kind: 'community' };
  }
}

/** The notice to send, checked by the contract's own rules, or the first thing to fix. */
export function noticeFrom(communityId: string, values: NoticeValues): { ok: true; input: NoticeInput } | { ok: false; hint: string } {
  const audience = audienceOf(values);
  if (typeof audience === 'string') return { ok: false, hint: audience };
  const input: NoticeInput = { communityId, title: values.title.trim(), content: values.content.trim(), pinned: values.pinned, audience };
  const checked = contract.circle.notice.input.safeParse(input);
  if (!checked.success) return { ok: false, hint: checked.error.issues[0]?.message || '请检查填写的内容' };
  return { ok: true, input };
}

/** Whom the notice reaches, as the committee chose it. */
export function audienceText(values: NoticeValues): string {
  const names = (choices: UnitChoice[]) =>
    choices
      .filter((c) => c.checked)
      .map((c) => c.name)
      .join('、');
  if (values.audienceKind === 'grids') return names(values.grids);
  if (values.audienceKind === 'buildings') return names(values.buildings);
  return values.audienceKind === 'public' ? '所有人' : '全体居民';
}

/** What publishing did: published (pinned or not) or held for review. */
export function outcomeText(notice: Notice, reach: string): string {
  if (notice.status === 'review') return '公告已提交，但内容需要人工复核：在“内容审核”里通过后，居民才能看到。';
  const pinned = notice.pinned ? '，已置顶在邻里圈最前面' : '';
  return `公告已发布${pinned}，${reach}现在就能在邻里圈看到。`;
}
