/**
 * 转为议题 (pure): what the committee starts from when a resident's 意见建议 becomes a topic: the
 * demand's own words as the content (the committee may reword it), and a title drawn from its first
 * line, and the draft checked as 提议题 checks it.
 */
export { cannotBecomeTopic } from '../../../services/council/from-demand';
import { Checked, checkDraft } from '../propose/view';

/** A title from the demand's first line, up to 20 characters (the committee edits it). */
export function titleFrom(text: string | null): string {
  const first = (text || '').split(/[\n。！？!?]/)[0].trim();
  return first.length > 20 ? first.slice(0, 20) : first;
}

export function checkFromDemand(bodyId: string, title: string, content: string): Checked {
  return checkDraft({ bodyId, title, content });
}
