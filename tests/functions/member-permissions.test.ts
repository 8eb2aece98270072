import { call } from '../helpers/app';
import { EVERYONE, NAMES, PEOPLE, TABLE } from './member-permission-rows';
import { expectNothingWritten, stateOf } from './neighbourhood';
import { neighbourhoodApp } from './permission-table';

/**
 * Who may do what in `member` (the rows: member-permission-rows.ts): every action tried by every
 * kind of person. Allowed cells answer ok (or the stated refusal); every other cell is
 * PERMISSION_DENIED with a Chinese reason and leaves the database as it was.
 */

describe('who may do what with party members’ service', () => {
  const app = neighbourhoodApp();
  let n = 0;
  const cells = TABLE.flatMap((row) =>
    EVERYONE.map((who) => {
      const allowed = row.allowed === 'everyone' || row.allowed.includes(who);
      const expected = allowed ? (row.notes?.[who] ?? 'ok') : 'PERMISSION_DENIED';
      return { name: `member.${row.action}: ${NAMES[who]} ${allowed ? 'may' : 'may not'} ${row.what}${expected !== 'ok' && allowed ? ` (${expected})` : ''}`, row, who, expected };
    }),
  );

  it.each(cells)('$name', async ({ row, who, expected }) => {
    const input = await row.input(app.emulator, ++n, who);
    const before = stateOf(app.emulator);
    const res = await call(app.emulator, PEOPLE[who], 'member', row.action, input);
    if (expected === 'ok') {
      expect(res).toMatchObject({ ok: true });
      return;
    }
    expect(res).toMatchObject({ ok: false, error: { code: expected, message: expect.stringMatching(/[\u4e00-\u9fa5]/) } });
    expectNothingWritten(app.emulator, before);
  });
});
