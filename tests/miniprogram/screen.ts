import { requestsInFlight } from './emulator-phone';
import { SimComponent, SimPage, simulate } from './simulate';

/** What page tests do as a person would: wait for the page to settle, read the screen, find and touch things. */

/** Waits until the page has heard back from every call it made (one answer may lead to the next call). */
export async function settled(): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (let quiet = 0; quiet < 3; ) {
    if (Date.now() > deadline) throw new Error('the page is still waiting for the emulator');
    await simulate.sleep(10);
    quiet = requestsInFlight() === 0 ? quiet + 1 : 0;
  }
}

/** Everything the page shows, as one string. */
export const screen = (page: SimPage) => page.dom?.textContent ?? '';

export function element(within: SimComponent, selector: string): SimComponent {
  const found = within.querySelector(selector);
  if (!found) throw new Error(`nothing on screen matches ${selector}`);
  return found;
}

export const tapOn = (within: SimComponent, selector: string) => element(within, selector).dispatchEvent('tap');
export const typeInto = (within: SimComponent, selector: string, value: string) => element(within, selector).dispatchEvent('input', { detail: { value } });
