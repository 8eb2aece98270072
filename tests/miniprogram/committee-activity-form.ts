/**
 * What the 发布活动 / 编辑活动 page stories (committee-activity-*.test.ts) share: the file's emulator
 * and a phone whose owner agreed to the privacy terms long ago, opening the form, picking in its
 * pickers, reading back what the functions stored, and listening to what the page sends. Only device
 * APIs are stubbed; wx.request really goes over HTTP.
 */
import { WxRequestOptions, wxRequestOverHttp } from './emulator-phone';
import { SimComponent } from './simulate';
import { element } from './screen';
import { privacyAgreed } from './privacy-dialog';
import { pageTestSetup } from './page-test';

const DAY = 24 * 3600_000;
/** The Shanghai calendar day `days` from now, as the date picker gives it. */
export const shanghaiDay = (days: number) => new Date(Date.now() + days * DAY + 8 * 3600_000).toISOString().slice(0, 10);
/** A Shanghai wall-clock time as the instant the functions store. */
export const instant = (day: string, time: string) => new Date(`${day}T${time}:00+08:00`);

export const pick = (page: SimComponent, selector: string, value: unknown) => element(page, selector).dispatchEvent('change', { detail: { value } });
export const nth = (page: SimComponent, selector: string, i: number) => {
  const all = page.querySelectorAll(selector);
  if (!all[i]) throw new Error(`no ${selector} number ${i + 1} on screen`);
  return all[i];
};

/** Every call the page makes to function `activity`, as sent (really sent: this only listens). */
export function listening(): { sent: { action: string; data: any; idempotencyKey?: string }[]; request: (o: WxRequestOptions) => void } {
  const sent: { action: string; data: any; idempotencyKey?: string }[] = [];
  return {
    sent,
    request: (o: WxRequestOptions) => {
      if (o.url.endsWith('/functions/activity')) sent.push(o.data as any);
      wxRequestOverHttp(o);
    },
  };
}

/** Call once at the top of a test file, as `pageTestSetup`. */
export function activityFormSetup() {
  const phone = pageTestSetup({ wx: privacyAgreed });
  return {
    phone,
    openForm: (query: Record<string, string> = {}, wx: Record<string, unknown> = {}) => phone.open('packageCommittee/pages/activity-form/activity-form', 'demo-committee', { query, wx }),
    activitiesTitled: (title: string): any[] => phone.emulator.db.find('activities', { title }, { limit: 10 }),
  };
}
