/** 提议题 (pure): the draft checked as the function checks it, so the first problem reads as it would say it. */
import { NewTopic } from '../../../services/council/types';

export interface Draft {
  bodyId: string;
  title: string;
  content: string;
}

export type Checked = { ok: true; title: string; content: string } | { ok: false; message: string };

/** Mirrors domain/council's topicTitleSchema (2–40) and topicTextSchema (5–2,000). */
export function checkDraft(d: Draft): Checked {
  if (!d.bodyId) return { ok: false, message: '请选择提交给哪个议事机构' };
  const title = d.title.trim();
  const content = d.content.trim();
  if (title.length < 2) return { ok: false, message: '议题标题至少 2 个字' };
  if (title.length > 40) return { ok: false, message: '议题标题最多 40 个字' };
  if (content.length < 5) return { ok: false, message: '议题内容至少 5 个字：说说是什么事、为什么要议' };
  if (content.length > 2000) return { ok: false, message: '议题内容最多 2000 个字' };
  return { ok: true, title, content };
}

export function proposeInput(bodyId: string, title: string, content: string, photos: string[]): NewTopic {
  return photos.length > 0 ? { bodyId, title, content, photos } : { bodyId, title, content };
}

/** Where a resident's topic photos go: their own folder, as the storage rule wants (the uploader's own openid). */
export const councilPhotoFolder = (openid: string) => `council/${openid}`;
