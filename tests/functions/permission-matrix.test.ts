import { itTriesEveryCell, neighbourhoodApp } from './permission-table';
import { TABLE } from './user-permission-rows';

describe('who may do what: every action of user and community for every kind of person', () => {
  const app = neighbourhoodApp();

  it('the table covers every action of both functions', async () => {
    const { contract } = await import('../../domain/contract');
    const covered = new Set(TABLE.map((r) => `${r.fn}.${r.action}`));
    // activity has its own table (activity-permissions.test.ts).
    const declared = Object.entries(contract)
      .filter(([fn]) => fn === 'user' || fn === 'community')
      .flatMap(([fn, actions]) => Object.keys(actions).map((a) => `${fn}.${a}`));
    expect(declared.filter((a) => !covered.has(a))).toEqual([]);
  });

  itTriesEveryCell(app, 'user', TABLE, (res, expected) => {
    expect(res).toEqual({ ok: false, error: { code: expected, message: expect.stringMatching(/[\u4e00-\u9fa5]/) } });
  });
});
