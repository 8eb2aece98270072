import fc from 'fast-check';
import { Emulator } from '../../emulator/app';
import { activityDoc, signupDocs } from './activity-fixtures';

/**
 * The reference model activity-model.test.ts holds the activity function to: its state (signups and
 * seats, in plain TypeScript), the commands a random day is made of, and the invariants checked
 * against the emulator after every step.
 *
 * The rules the model holds the code to:
 * - A signup takes the seats (auto) or goes to the committee (committee) when its party fits the
 *   seats left (capacity − confirmed seats); otherwise it joins the end of the waitlist. Someone who
 *   already has a live signup (pending, confirmed, waitlisted) gets that one back.
 * - Only confirmed signups hold seats. Approving confirms a pending or waitlisted signup only if its
 *   party fits; otherwise it stays as it was. A batch is decided oldest first.
 * - When seats may have come free (a confirmed signup is cancelled, the capacity is raised, or a
 *   pending signup leaves the committee's queue by cancellation or rejection), the waitlist is
 *   served first come first served: the earliest waitlisted whose party fits the seats left is
 *   confirmed (auto), repeatedly; in committee mode the earliest whose party fits are moved to
 *   pending, at most as many seats' worth as are free.
 * - Capacity can never go below the confirmed seats.
 * - Each approval and rejection makes its 报名结果 message due (nothing is sent inside the call); the
 *   activity timer (`tellReviewed`) sends the due ones, after which none is due.
 */

export type Status = 'pending' | 'confirmed' | 'waitlisted' | 'rejected' | 'cancelled';
export type Approval = 'auto' | 'committee';
export type Command =
  | { kind: 'signup'; who: number; companions: 0 | 1 }
  /** `pick` chooses among the people who have signed up (their latest signup). */
  | { kind: 'cancel'; pick: number }
  /** `pick` chooses among the signups waiting for a decision (pending or waitlisted). */
  | { kind: 'approve'; pick: number }
  | { kind: 'approveAll' }
  | { kind: 'reject'; pick: number }
  | { kind: 'capacity'; to: number };
export interface Scenario {
  capacity: number;
  residents: number;
  approval: Approval;
  commands: Command[];
}

export interface ModelSignup {
  /** The id the emulator gave it; the model follows signups by creation order. */
  id: string;
  who: number;
  seats: number;
  status: Status;
}

export const LIVE: Status[] = ['pending', 'confirmed', 'waitlisted'];

/** The reference model: pure, synchronous, no database. */
export class Model {
  signups: ModelSignup[] = [];
  /** The signups whose 报名结果 message the committee's decision made due, until the timer sends them. */
  messagesDue = new Set<string>();
  constructor(
    public capacity: number,
    readonly approval: Approval,
  ) {}

  get confirmedSeats(): number {
    return this.signups.filter((s) => s.status === 'confirmed').reduce((n, s) => n + s.seats, 0);
  }
  get seatsLeft(): number {
    return Math.max(0, this.capacity - this.confirmedSeats);
  }
  get waitlist(): ModelSignup[] {
    return this.signups.filter((s) => s.status === 'waitlisted');
  }
  latestOf(who: number): ModelSignup | undefined {
    return [...this.signups].reverse().find((s) => s.who === who);
  }
  /** Everyone's latest signup, in signup order. */
  latest(): ModelSignup[] {
    return this.signups.filter((s) => this.latestOf(s.who) === s);
  }
  undecided(): ModelSignup[] {
    return this.signups.filter((s) => s.status === 'pending' || s.status === 'waitlisted');
  }
  liveOf(who: number): ModelSignup | undefined {
    return this.signups.find((s) => s.who === who && LIVE.includes(s.status));
  }

  /** What a new signup's status would be. */
  statusForNew(seats: number): Status {
    if (seats > this.seatsLeft) return 'waitlisted';
    return this.approval === 'auto' ? 'confirmed' : 'pending';
  }

  /** Approve one signup; true when it was confirmed. */
  approve(s: ModelSignup): boolean {
    if (s.status !== 'pending' && s.status !== 'waitlisted') return false;
    if (this.seatsLeft < s.seats) return false;
    s.status = 'confirmed';
    this.messagesDue.add(s.id);
    return true;
  }

  /** Reject one signup; true when it was still waiting for a decision. */
  reject(s: ModelSignup): boolean {
    if (s.status !== 'pending' && s.status !== 'waitlisted') return false;
    s.status = 'rejected';
    this.messagesDue.add(s.id);
    return true;
  }

  /** Serve the waitlist, first come first served, with the seats now free; returns how many moved up. */
  promote(): number {
    let budget = this.seatsLeft;
    let moved = 0;
    for (const s of this.waitlist) {
      if (budget <= 0) break;
      if (s.seats > budget) continue;
      s.status = this.approval === 'auto' ? 'confirmed' : 'pending';
      budget -= s.seats;
      moved++;
    }
    return moved;
  }
}

/** One random day at the activity. */
export function scenarios(): fc.Arbitrary<Scenario> {
  const who = fc.integer({ min: 0, max: 5 });
  const pick = fc.nat(59);
  const signup = fc.record({ kind: fc.constant('signup' as const), who, companions: fc.constantFrom(0 as const, 0 as const, 1 as const) });
  const command: fc.Arbitrary<Command> = fc.oneof(
    { weight: 4, arbitrary: signup },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('approve' as const), pick }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('approveAll' as const) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('reject' as const), pick }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('capacity' as const), to: fc.integer({ min: 1, max: 6 }) }) },
  );
  return fc.record({
    capacity: fc.integer({ min: 1, max: 4 }),
    residents: fc.integer({ min: 3, max: 6 }),
    approval: fc.constantFrom<Approval>('auto', 'committee'),
    // The day opens with a rush of signups, then anything may happen: at most 15 steps in all.
    commands: fc
      .tuple(
        fc.shuffledSubarray([0, 1, 2, 3, 4, 5], { minLength: 3 }),
        fc.array(fc.constantFrom(0 as const, 0 as const, 1 as const), { minLength: 6, maxLength: 6 }),
        fc.array(command, { maxLength: 9, size: 'max' }),
      )
      .map(([people, companions, rest]): Command[] => [...people.map((who, i) => ({ kind: 'signup' as const, who, companions: companions[i] })), ...rest].slice(0, 15)),
  });
}

/** The neighbour the model calls `who`. */
export const openid = (who: number) => `demo-resident-${who + 1}`;

/** How a run reports a divergence: `fail` throws with what was expected, what came, and the steps so far. */
export function divergence(log: string[]) {
  const fail = (what: string, expected: unknown, actual: unknown): never => {
    throw new Error(`${what}\n  expected ${JSON.stringify(expected)}\n  actual   ${JSON.stringify(actual)}\n  after:\n    ${log.join('\n    ')}`);
  };
  const same = (what: string, expected: unknown, actual: unknown) => {
    if (JSON.stringify(expected) !== JSON.stringify(actual)) fail(what, expected, actual);
  };
  return { fail, same };
}

/** The whole state, after every step: the emulator's signups and activity agree with the model. */
export function checkInvariants(emulator: Emulator, activityId: string, model: Model, { fail, same }: ReturnType<typeof divergence>): void {
  const docs = signupDocs(emulator, activityId);
  same(
    'signups and their statuses, in signup order',
    model.signups.map((s) => [s.id, openid(s.who), s.status]),
    docs.map((d) => [d._id, d.openid, d.status]),
  );
  same(
    'waitlist order',
    model.waitlist.map((s) => s.id),
    docs.filter((d) => d.status === 'waitlisted').map((d) => d._id),
  );
  const activity = activityDoc(emulator, activityId);
  same('capacity and confirmed seats', [model.capacity, model.confirmedSeats], [activity.capacity, activity.confirmed]);
  if (activity.confirmed > activity.capacity) fail('more confirmed than seats', activity.capacity, activity.confirmed);
  // The counter a signup's conditional update tests, and who holds the seats, move with `confirmed`.
  same('seats left kept beside the confirmed seats', model.capacity - model.confirmedSeats, activity.seatsLeft);
  same(
    'seat holders are the confirmed signups',
    docs
      .filter((d) => d.status === 'confirmed')
      .map((d) => d._id)
      .sort(),
    Object.values(activity.holders ?? {})
      .map((h: any) => h.id)
      .sort(),
  );
  same(
    'messages due for the committee’s decisions',
    [...model.messagesDue].sort(),
    docs
      .filter((d) => d.decisionNoticeDueAt)
      .map((d) => d._id)
      .sort(),
  );
  const livePeople = docs.filter((d) => LIVE.includes(d.status)).map((d) => d.openid);
  same('at most one live signup a person', [...new Set(livePeople)].sort(), [...livePeople].sort());
}
