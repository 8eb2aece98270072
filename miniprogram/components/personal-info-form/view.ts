/** The personal data form's check, pure so it is tested on its own. */
import { PersonalInfo } from './type';

export interface InfoInput {
  realName: string;
  phone: string;
  birthYear: string;
}

/** What to save (blank fields clear), or the first problem in plain words. */
export function checkedInfo(input: InfoInput, now: Date): { ok: true; info: PersonalInfo } | { ok: false; hint: string } {
  const realName = input.realName.trim();
  const phone = input.phone.trim();
  const year = input.birthYear.trim();
  if (realName.length > 20) return { ok: false, hint: '姓名最多 20 个字' };
  if (phone && !/^1[3-9]\d{9}$/.test(phone)) return { ok: false, hint: '请填写 11 位手机号' };
  const thisYear = now.getUTCFullYear();
  if (year && (!/^\d{4}$/.test(year) || Number(year) < 1900 || Number(year) > thisYear)) return { ok: false, hint: `出生年份请填写 1900 到 ${thisYear} 之间的四位数字` };
  return { ok: true, info: { realName: realName || null, phone: phone || null, birthYear: year ? Number(year) : null } };
}
