import { nextTurn, pendingWork, untilNothingPending } from './pending-work';
import { SimComponent, SimPage } from './simulate';

/** What page tests do as a person would: wait for the page to settle, read the screen, find and touch things. */

/**
 * Waits until the page has heard back from every call it made and every timer it (or a wx callback)
 * set has run: one answer may lead to the next call, so after nothing is pending the event loop turns
 * once more and looks again. It counts the work, it does not time a quiet period.
 */
export async function settled(): Promise<void> {
  for (;;) {
    await untilNothingPending();
    await nextTurn();
    if (pendingWork() === 0) return;
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
