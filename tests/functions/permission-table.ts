import { Emulator } from '../../emulator/app';
import { call, startApp } from '../helpers/app';
import { ACTORS, Actor, LABELS, addOtherCommunity, expectNothingWritten, stateOf } from './neighbourhood';

/**
 * The machinery of the permission tables (activity, service, user and community): every kind of
 * person, the rows of what may be tried and by whom, the demo neighbourhood with the community next
 * door, and the loop that tries every row as every person. An allowed cell answers `ok: true`; a
 * refused one answers as the table's file expects and leaves the database as it was.
 */

export const ALL = Object.keys(ACTORS) as Actor[];
export const MANAGERS: readonly Actor[] = ['committee', 'admin'];

export type Outcome = 'ok' | 'PERMISSION_DENIED' | 'FAILED_PRECONDITION';
/** A row of a table; `A` is who the table knows (the neighbourhood's actors unless it says). */
export interface Row<A extends string = Actor> {
  /** The function, where one table spans more than one; otherwise the table's own. */
  fn?: string;
  action: string;
  /** What is being tried, as a sentence fragment: "<actor> may / may not …". */
  what: string;
  allowed: readonly A[] | 'everyone';
  /** Outcomes other than ok for allowed actors, with the reason in `why`. */
  notes?: Partial<Record<A, Outcome>>;
  why?: string;
  /** Valid input for one cell; `n` is unique per cell for fresh fixtures. (A method: a table of any people reads as a table of names.) */
  input(emulator: Emulator, n: number, actor: A): Promise<unknown> | unknown;
}

/** The app with the demo neighbourhood and the community next door, started once for the file. */
export function neighbourhoodApp(): { readonly emulator: Emulator } {
  const app = {} as { emulator: Emulator };
  beforeAll(async () => {
    app.emulator = await startApp();
    await addOtherCommunity(app.emulator);
  });
  afterAll(() => app.emulator.close());
  return app;
}

/** A refusal for who is asking: PERMISSION_DENIED with a message that names who may. */
export function deniedWith(message: RegExp): (res: any) => void {
  return (res) => {
    expect(res.ok).toBe(false);
    expect(res.error.code).toBe('PERMISSION_DENIED');
    expect(res.error.message).toMatch(message);
  };
}

/**
 * One test a row and a person, named "<fn>.<action>: <person> may / may not <what>" (`fn` is the
 * table's function; a row that names its own wins): the person calls the action with the row's
 * input; an allowed cell answers ok, any other is checked by `refused` (given the outcome
 * expected) and must leave the database as it was.
 */
export function itTriesEveryCell(app: { readonly emulator: Emulator }, fn: string, table: readonly Row[], refused: (res: any, expected: Outcome) => void): void {
  let cell = 0;
  const cells = table.flatMap((row) =>
    ALL.map((actor) => {
      const allowed = row.allowed === 'everyone' || row.allowed.includes(actor);
      const expected: Outcome = allowed ? (row.notes?.[actor] ?? 'ok') : 'PERMISSION_DENIED';
      const who = LABELS[actor];
      const verb = allowed ? 'may' : 'may not';
      const note = expected !== 'ok' && allowed ? ` (${expected}: ${row.why})` : '';
      return { name: `${row.fn ?? fn}.${row.action}: ${who} ${verb} ${row.what}${note}`, row, actor, expected };
    }),
  );

  it.each(cells)('$name', async ({ row, actor, expected }) => {
    const input = await row.input(app.emulator, ++cell, actor);
    const before = stateOf(app.emulator);
    const res = await call(app.emulator, ACTORS[actor], row.fn ?? fn, row.action, input);
    if (expected === 'ok') {
      expect(res).toMatchObject({ ok: true });
      return;
    }
    refused(res, expected);
    expectNothingWritten(app.emulator, before);
  });
}
