/**
 * The functions' clock: how far the time the hosted functions see runs ahead of the real one (0:
 * the real time). A story moves it to let a deadline pass without waiting: every instance reads its
 * Date moved by this much (worker-source.ts), the time keeps running from there, and timer
 * triggers fire for the moved time.
 */
export class FunctionClock {
  offsetMs = 0;

  /** Runs the clock from `at` on; null goes back to the real time. */
  set(at: Date | null): void {
    this.offsetMs = at ? at.getTime() - Date.now() : 0;
  }

  /** The time the functions see now. */
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}
