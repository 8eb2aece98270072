/**
 * What the 服务详情 and 我的预约 page stories (service-booking.test.ts, service-my-bookings.test.ts)
 * share: the file's emulator and phones on it, opening the two pages, reading their text, and a
 * fresh service to book.
 */
import { addItem } from '../functions/service-fixtures';
import { SimComponent, SimPage } from './simulate';
import { pageTestSetup } from './page-test';

export const text = (c: SimComponent | undefined) => c?.dom?.textContent ?? '';
export const texts = (page: SimPage, selector: string) => page.querySelectorAll(selector).map(text);

/** Call once at the top of a test file, as `pageTestSetup`. */
export function servicePagesSetup() {
  const phone = pageTestSetup();
  return {
    phone,
    openItem: (id: string, openid: string, wx: Record<string, unknown> = {}) => phone.open('pages/service-item/service-item', openid, { query: { id }, wx }),
    openMine: (openid: string, wx: Record<string, unknown> = {}, query?: Record<string, string>) => phone.open('pages/my-bookings/my-bookings', openid, { wx, query }),
    /** A service of the demo health centre at its point; anyone may book it, until 2 hours before. */
    newService: (name: string) => addItem(phone.emulator, { name, servicePointId: 'demo-point-health' }),
  };
}
