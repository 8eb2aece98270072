import { Emulator } from '../../emulator/app';
import { demoBuildingLocation } from '../../server/seed/demo-demands';
import { call, startApp } from '../helpers/app';
import { measuredCall } from './activity-fixtures';
import { CAT, COMMUNITY, PEOPLE, okDemand, photo, reportLight, seedDemand } from './demand-fixtures';
import { okCall } from './neighbourhood';

/**
 * Who reports, and where it lands: a courier the committee registers as a mobile grid worker
 * reports a blocked fire exit with the 10-second 随手拍 (location and photo), snapped to the nearest
 * building and, being urgent, sent straight to the committee; a building leader reports for a
 * resident who asked, who then finds it under their own name; the committee records a phone call;
 * a neighbour is offered the open demand as 我也遇到 and follows it; a merged duplicate's people follow
 * the demand it joins.
 */
describe('who reports a demand, and where it goes', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startApp();
  });
  afterAll(() => emulator.close());

  it('a courier the committee registers reports a blocked fire exit near 4号楼: it snaps there and goes to the committee', async () => {
    const courier = 'o-courier-zhang';
    await okCall(emulator, courier, 'user', 'me');
    const before = await call(emulator, courier, 'demand', 'report', {
      communityId: COMMUNITY,
      categoryId: CAT.fireExit,
      text: '4号楼消防通道被电动车堵住了',
      location: demoBuildingLocation(3),
      photos: [await photo(emulator, courier)],
    });
    expect(before.error.code).toBe('PERMISSION_DENIED');
    await okCall(emulator, PEOPLE.committee, 'user', 'assignRole', { openid: courier, role: { role: 'mobileGridWorker', communityId: COMMUNITY } });
    const near4 = { type: 'Point', coordinates: [demoBuildingLocation(3).coordinates[0] + 0.0001, demoBuildingLocation(3).coordinates[1]] };
    const d = await okDemand(emulator, courier, 'report', {
      communityId: COMMUNITY,
      categoryId: CAT.fireExit,
      text: '4号楼消防通道被电动车堵住了',
      location: near4,
      photos: [await photo(emulator, courier)],
    });
    expect(d).toMatchObject({ building: { id: 'demo-building-4' }, grid: { id: 'demo-grid-2' }, kind: 'hazard', deadlineClass: 'urgent', urgent: true, level: 'community' });
    // Urgent: two hours to accept.
    expect(Date.parse(d.dueAt) - Date.parse(d.createdAt)).toBe(2 * 3_600_000);
    const inbox = await okDemand(emulator, PEOPLE.committee, 'inbox', { scope: 'community', communityId: COMMUNITY });
    expect(inbox.items.map((x: any) => x.id)).toContain(d.id);
  });

  it('a building leader reports for a resident of their building, who sees it as their own', async () => {
    const d = await okDemand(emulator, PEOPLE.leader, 'report', { categoryId: CAT.errand, text: '独居的王阿姨想请人帮忙代办老年卡', onBehalfOf: 'demo-resident-9' });
    expect(d).toMatchObject({ reporter: { openid: 'demo-resident-9' }, enteredBy: { openid: PEOPLE.leader }, building: { id: 'demo-building-1' }, mine: true });
    const hers = await okDemand(emulator, 'demo-resident-9', 'mine', {});
    expect(hers.items.map((x: any) => x.id)).toContain(d.id);
    // Not for a resident of another building.
    const other = await call(emulator, PEOPLE.leader, 'demand', 'report', { categoryId: CAT.errand, text: '代办', onBehalfOf: 'demo-resident-2' });
    expect(other.error.code).toBe('PERMISSION_DENIED');
  });

  it('the committee records a phone call for a resident; only the committee may', async () => {
    const d = await okDemand(emulator, PEOPLE.committee, 'report', { categoryId: CAT.policy, text: '来电咨询高龄津贴怎么申请', onBehalfOf: PEOPLE.otherBuilding, channel: 'phone' });
    expect(d).toMatchObject({ channel: 'phone', deadlineClass: 'consult', reporter: { openid: PEOPLE.otherBuilding } });
    expect(d.timeline[0].note).toBe('来电登记');
    const resident = await call(emulator, PEOPLE.resident, 'demand', 'report', { categoryId: CAT.policy, text: '咨询', channel: 'visit' });
    expect(resident.error.code).toBe('PERMISSION_DENIED');
  });

  it('a neighbour of the same building is offered the open demand as 我也遇到, follows it, and sees no names', async () => {
    const d = await reportLight(emulator);
    const offered = await okDemand(emulator, PEOPLE.neighbour, 'similar', { categoryId: CAT.light });
    expect(offered.items.map((x: any) => x.id)).toContain(d.id);
    expect(JSON.stringify(offered)).not.toMatch(/楼道灯坏了|demo-resident/);
    expect(await okDemand(emulator, PEOPLE.neighbour, 'meToo', { demandId: d.id })).toEqual({ meToo: true, meTooCount: 1 });
    expect(await okDemand(emulator, PEOPLE.neighbour, 'meToo', { demandId: d.id })).toEqual({ meToo: true, meTooCount: 1 });
    const seen = await okDemand(emulator, PEOPLE.neighbour, 'get', { demandId: d.id });
    expect(seen).toMatchObject({ meToo: true, reporter: null, text: '3楼楼道灯坏了一个星期，晚上上下楼看不见' });
    // A grid worker merges a second report of the same light into it: its reporter follows the first.
    const again = await reportLight(emulator, PEOPLE.leader);
    await okDemand(emulator, PEOPLE.gridWorker, 'merge', { demandId: again.id, into: d.id });
    const first = await okDemand(emulator, PEOPLE.resident, 'get', { demandId: d.id });
    expect(first.meTooCount).toBe(2);
    expect((await okDemand(emulator, PEOPLE.leader, 'get', { demandId: again.id })).state).toBe('duplicate');
  });

  it('a merge brings the duplicate’s people who do not follow the other demand yet, together in one write', async () => {
    const into = await seedDemand(emulator, { meToo: ['demo-resident-6'], meTooCount: 1 });
    const dup = await seedDemand(emulator, { reporter: PEOPLE.neighbour, meToo: ['demo-resident-6', 'demo-resident-7'], meTooCount: 2 });
    await okDemand(emulator, PEOPLE.gridWorker, 'categories', { communityId: COMMUNITY });
    const merged = await measuredCall(emulator, PEOPLE.gridWorker, 'demand', 'merge', { demandId: dup._id, into: into._id });
    expect(merged.res).toMatchObject({ ok: true, data: { state: 'duplicate' } });
    // Both demands read at once, the duplicate closed, the two who were not there yet added at once.
    expect(merged.db).toBe(3);
    const after = emulator.db.find('demands', { _id: into._id })[0];
    expect(after).toMatchObject({ meTooCount: 3, meToo: ['demo-resident-6', PEOPLE.neighbour, 'demo-resident-7'] });
    expect(after.followers).toEqual([PEOPLE.resident, 'demo-resident-6', PEOPLE.neighbour, 'demo-resident-7']);
    expect((after.timeline as { action: string; note: string | null }[]).filter((e) => e.action === 'meToo').map((e) => e.note)).toEqual(['合并的重复诉求', '合并的重复诉求']);
  });
});
