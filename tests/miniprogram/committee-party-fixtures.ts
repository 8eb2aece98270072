/**
 * What the committee's party-member page stories share: opening a page of packageCommittee on a
 * phone, the committee's modal answers, and registrations and proofs made through the real function.
 */
import type { Emulator } from '../../emulator/app';
import { call } from '../helpers/app';
import { PageTest } from './page-test';
import { SimPage } from './simulate';

export const COMMUNITY = 'demo-community';

export type PartyPage = 'party-review' | 'party-teams' | 'party-tasks' | 'party-verify' | 'party-dashboard' | 'party-stars';

export function openParty(phone: PageTest, path: PartyPage, openid = 'demo-committee', wx: Record<string, unknown> = {}): SimPage {
  return phone.open(`packageCommittee/pages/${path}/${path}`, openid, { wx });
}

type ModalAnswer = { confirm: boolean; content?: string };

/** wx.showModal answered in turn with `answers` (what the committee member types and taps). */
export function modal(answers: ModalAnswer[], titles: string[] = []) {
  return (options: { title: string; success: (res: { confirm: boolean; cancel: boolean; content: string }) => void }) => {
    titles.push(options.title);
    const a = answers.shift() ?? { confirm: false };
    options.success({ confirm: a.confirm, cancel: !a.confirm, content: a.content ?? '' });
  };
}

export async function ok(emulator: Emulator, openid: string, action: string, data: Record<string, unknown>, key?: string): Promise<any> {
  const answer = await call(emulator, openid, 'member', action, data, key);
  if (!answer.ok) throw new Error(`${action} by ${openid}: ${answer.error.code} ${answer.error.message}`);
  return answer.data;
}

export const rowIndex = (page: SimPage, id: string): number => {
  const index = (page.data.rows as Array<{ id: string }>).findIndex((r) => r.id === id);
  if (index < 0) throw new Error(`no row ${id} on the page`);
  return index;
};
