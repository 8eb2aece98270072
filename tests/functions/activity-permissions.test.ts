import { call } from '../helpers/app';
import { publish } from './activity-fixtures';
import { ACTORS, okCall } from './neighbourhood';
import { ALL, deniedWith, itTriesEveryCell, neighbourhoodApp } from './permission-table';
import { EVERYONES, TABLE } from './activity-permission-rows';

describe('who may run an activity: the committee of its community and admins; everyone else PERMISSION_DENIED', () => {
  const app = neighbourhoodApp();

  it("the table covers every action that manages an activity, for every kind of person; the rest are every neighbour's own business", async () => {
    const { contract } = await import('../../domain/contract');
    const managed = [...new Set(TABLE.map((r) => r.action))];
    expect(managed.sort()).toEqual(['cancelActivity', 'checkinCode', 'create', 'ranking', 'review', 'roster', 'update']);
    expect(
      Object.keys(contract.activity)
        .filter((a) => !managed.includes(a))
        .sort(),
    ).toEqual(EVERYONES.slice().sort());
    expect(ALL).toHaveLength(8);
  });

  itTriesEveryCell(app, 'activity', TABLE, deniedWith(/居委会|权限/));

  it('a neighbour who is refused still sees the activity and can sign up for it: being refused management is not being shut out', async () => {
    const activityId = await publish(app.emulator);
    expect((await call(app.emulator, 'demo-resident-1', 'activity', 'update', { activityId, fields: { capacity: 1 } })).error.code).toBe('PERMISSION_DENIED');
    expect(await okCall(app.emulator, 'demo-resident-1', 'activity', 'get', { activityId })).toMatchObject({ activity: { id: activityId, capacity: 50 } });
    expect(await okCall(app.emulator, 'demo-resident-1', 'activity', 'signup', { activityId, answers: {} })).toMatchObject({ status: 'confirmed' });
  });

  it("the neighbouring community's committee cannot even see this community's activity", async () => {
    const activityId = await publish(app.emulator);
    expect(await call(app.emulator, ACTORS.otherCommittee, 'activity', 'get', { activityId })).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: '没有找到这个活动' } });
  });
});
