/** Turns the export into what 我的数据 shows (pure, so the page stays thin). */
import { ERASURE_DEADLINE_MS } from '../../generated/domain';
import { PersonalExport } from '../../services/user/user';
import { shanghaiDateTime } from '../../utils/time';

export interface SectionView {
  key: string;
  title: string;
  /** "3 条", "200 条以上（只列出前 200 条）". */
  countText: string;
  items: { id: string; at: string; summary: string }[];
  /** Shown under the items when the answer lists only some of them. */
  more: string;
}

export function sectionsView(data: PersonalExport): SectionView[] {
  return data.sections.map((s) => ({
    key: s.key,
    title: s.title,
    countText: s.truncated ? `${s.count} 条以上（只读取前 ${data.bound} 条）` : `${s.count} 条`,
    items: s.items.map((i) => ({ id: i.id, at: i.at ? shanghaiDateTime(i.at) : '', summary: i.summary })),
    more: s.items.length < s.count ? `另有 ${s.count - s.items.length} 条，请导出查看全部` : '',
  }));
}

/** What the two choices of deleting an account do to what I wrote. */
export const POST_CHOICES: { value: 'anonymise' | 'remove'; label: string }[] = [
  { value: 'anonymise', label: '保留帖子和评论，显示为“已注销用户”' },
  { value: 'remove', label: '删除我发的帖子和评论' },
];

/** The confirmation before deleting: what happens, in the words a resident reads. */
export function deletionWarning(choice: 'anonymise' | 'remove'): string {
  return [
    '注销后：姓名、手机号、出生年份、楼组绑定和角色将被删除；',
    '未开始的活动报名和服务预约将被取消，名额让给其他邻居；',
    choice === 'remove' ? '你发的帖子和评论将被删除；' : '你发的帖子和评论将显示为“已注销用户”；',
    '志愿时长保留在社区统计中，但不再与你关联。',
    `提交后账号立即停用，个人数据在 ${ERASURE_DEADLINE_MS / 3600_000} 小时内删除完毕。此操作不能撤销。`,
  ].join('');
}
