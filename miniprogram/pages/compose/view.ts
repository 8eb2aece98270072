/** What 发布 shows: the kinds a resident may post, and the moderation outcome in plain words (pure). */
import { ITEM_KIND_NAMES, POST_KINDS } from '../../generated/domain';
import { CircleItem, PostKind } from '../../services/circle/circle';

export interface KindOption {
  value: PostKind;
  name: string;
}

export const KIND_OPTIONS: KindOption[] = POST_KINDS.map((value) => ({ value, name: ITEM_KIND_NAMES[value] }));

export function postKindOf(value: unknown): PostKind | undefined {
  return KIND_OPTIONS.find((k) => k.value === value)?.value;
}

export const OUTCOMES = {
  published: '已发布',
  review: '内容需要人工审核，审核通过后邻居们才能看到',
  imagesPending: '图片审核中，审核通过后邻居们才能看到图片',
} as const;

/** What happened to my post: published, or waiting for a person to review it; pictures are always reviewed. */
export function outcomeOf(item: CircleItem): string {
  const text = item.status === 'review' ? OUTCOMES.review : OUTCOMES.published;
  return item.imageStatus === 'pending' ? `${text}；${OUTCOMES.imagesPending}` : text;
}
