import fc from 'fast-check';
import { ClaimState } from '../../domain/members/model';
import { CLAIM_NEXT, ClaimMove, isLiveClaim, mayMove } from '../../domain/members/rules';

/**
 * The reference model member-model.test.ts holds the claim, proof and verification machine to: one
 * task with a few places, a few members, in plain TypeScript.
 *
 * The rules:
 * - A member with a live claim (claimed, checked in, submitted) or a verified one claiming again gets
 *   that claim back. Otherwise a claim succeeds only before the deadline and with a place left, and
 *   takes one place.
 * - cancel: claimed → cancelled; submit: claimed → submitted; verify: submitted → verified (one
 *   ledger entry); reject: submitted → rejected. Cancel and reject give the place back; verify again
 *   of a verified claim answers it without crediting again. Any other move is refused and changes nothing.
 * - The deadline passing closes claiming and nothing else.
 * - A claim call may die after taking its place and before writing the claim (`dies`, only where a
 *   place is left to take): the place is held. Once holds are old (`age`: 5 minutes pass),
 *   the job (`reconcile`) gives every old hold's place back, and so does a claim that finds no place
 *   left before it takes one. Fresh holds are never given back: their call may still write its claim.
 *   (A claim that goes through leaves its hold too, for the job to clear: the holds counted here are
 *   those with no claim.)
 */
export type Move = 'cancel' | 'submit' | 'verify' | 'reject';
export type Command = { kind: 'claim' | 'dies'; who: number } | { kind: Move; who: number } | { kind: 'deadline' } | { kind: 'age' } | { kind: 'reconcile' };
export interface Scenario {
  places: number;
  members: number;
  commands: Command[];
}

const MOVE: Record<Move, ClaimMove> = { cancel: 'cancel', submit: 'submitProof', verify: 'verify', reject: 'rejectProof' };

export class Model {
  placesLeft: number;
  closed = false;
  /** Each member's latest claim's state, if any. */
  latest = new Map<number, ClaimState>();
  credited = new Map<number, number>();
  /** Places held by calls that died: too recent to give back, and old enough. */
  freshHolds = 0;
  oldHolds = 0;
  constructor(places: number) {
    this.placesLeft = places;
  }

  /** Applies a command; answers whether the call should succeed. */
  apply(c: Command): boolean {
    if (c.kind === 'deadline') {
      this.closed = true;
      return true;
    }
    if (c.kind === 'age') {
      this.oldHolds += this.freshHolds;
      this.freshHolds = 0;
      return true;
    }
    if (c.kind === 'reconcile') {
      this.releaseOld();
      return true;
    }
    const state = this.latest.get(c.who);
    if (c.kind === 'claim' || c.kind === 'dies') {
      // `dies` answers whether its call took a place before dying.
      if (state && (isLiveClaim(state) || state === 'verified')) return c.kind === 'claim';
      if (this.closed) return false;
      // (A dying call is written as its take alone: where no place is left, it takes none.)
      if (this.placesLeft === 0 && c.kind === 'claim') this.releaseOld();
      if (this.placesLeft === 0) return false;
      this.placesLeft--;
      if (c.kind === 'dies') this.freshHolds++;
      else this.latest.set(c.who, 'claimed');
      return true;
    }
    if (!state) return false;
    // A repeated verify, cancel or reject answers the claim as it is.
    if ((c.kind === 'verify' && state === 'verified') || (c.kind === 'cancel' && state === 'cancelled') || (c.kind === 'reject' && state === 'rejected')) return true;
    const move = MOVE[c.kind];
    if (!mayMove(move, state)) return false;
    const next = CLAIM_NEXT[move];
    this.latest.set(c.who, next);
    if (next === 'cancelled' || next === 'rejected') this.placesLeft++;
    if (next === 'verified') this.credited.set(c.who, (this.credited.get(c.who) ?? 0) + 1);
    return true;
  }

  private releaseOld(): void {
    this.placesLeft += this.oldHolds;
    this.oldHolds = 0;
  }
}

export const scenarios = (): fc.Arbitrary<Scenario> =>
  fc.record({ places: fc.integer({ min: 1, max: 3 }), members: fc.integer({ min: 2, max: 4 }) }).chain(({ places, members }) =>
    fc.record({
      places: fc.constant(places),
      members: fc.constant(members),
      commands: fc.array(
        fc.oneof(
          { weight: 4, arbitrary: fc.record({ kind: fc.constant('claim' as const), who: fc.nat(members - 1) }) },
          { weight: 6, arbitrary: fc.record({ kind: fc.constantFrom<Move>('cancel', 'submit', 'verify', 'reject'), who: fc.nat(members - 1) }) },
          { weight: 1, arbitrary: fc.constant({ kind: 'deadline' as const }) },
          { weight: 2, arbitrary: fc.record({ kind: fc.constant('dies' as const), who: fc.nat(members - 1) }) },
          { weight: 1, arbitrary: fc.constantFrom({ kind: 'age' as const }, { kind: 'reconcile' as const }) },
        ),
        { minLength: 3, maxLength: 14 },
      ),
    }),
  );
