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
 */
export type Move = 'cancel' | 'submit' | 'verify' | 'reject';
export type Command = { kind: 'claim'; who: number } | { kind: Move; who: number } | { kind: 'deadline' };
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
  constructor(places: number) {
    this.placesLeft = places;
  }

  /** Applies a command; answers whether the call should succeed. */
  apply(c: Command): boolean {
    if (c.kind === 'deadline') {
      this.closed = true;
      return true;
    }
    const state = this.latest.get(c.who);
    if (c.kind === 'claim') {
      if (state && (isLiveClaim(state) || state === 'verified')) return true;
      if (this.closed || this.placesLeft === 0) return false;
      this.placesLeft--;
      this.latest.set(c.who, 'claimed');
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
        ),
        { minLength: 3, maxLength: 12 },
      ),
    }),
  );
