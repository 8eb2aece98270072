import { Emulator } from '../../emulator/app';
import { call, startApp } from '../helpers/app';
import { COMMUNITY, OTHER, addOtherCommunity, audits, okCall } from './neighbourhood';

/** 联系我们: the committee says whom residents call, and residents see it on 我的 and in the tree. */

const COMMITTEE = 'demo-committee';

describe('the phones residents call', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startApp();
    await addOtherCommunity(emulator);
  });
  afterAll(() => emulator.close());

  const contactsOf = async (openid: string) => (await okCall(emulator, openid, 'user', 'me', {})).contacts;
  const unitDoc = (id: string) => emulator.db.find('units', { _id: id })[0];

  it('when the grid gets a new worker, the committee changes its phone and every resident of the grid calls the new one', async () => {
    const grid = await okCall(emulator, COMMITTEE, 'community', 'setContact', { unitId: 'demo-grid-2', contact: { name: '网格员 陈海燕', phone: '13800009912' } });
    expect(grid).toMatchObject({ id: 'demo-grid-2', contact: { name: '网格员 陈海燕', phone: '13800009912' } });

    // demo-resident-3 lives in 3号楼, on 第2微网格.
    expect(await contactsOf('demo-resident-3')).toContainEqual(expect.objectContaining({ name: '网格员 陈海燕', phone: '13800009912' }));
    const tree = await okCall(emulator, 'demo-resident-3', 'community', 'tree', { communityId: COMMUNITY });
    expect(tree.units.find((u: { id: string }) => u.id === 'demo-grid-2').contact).toEqual({ name: '网格员 陈海燕', phone: '13800009912' });
    expect(audits(emulator, { action: 'manageUnit' }).map((a: any) => a.detail)).toContainEqual({ change: 'contact' });
  });

  it("the 居委会's duty phone may be a landline, with or without its dash", async () => {
    await okCall(emulator, COMMITTEE, 'community', 'setContact', { unitId: COMMUNITY, contact: { name: '居委会值班电话', phone: '02159990001' } });
    expect(await contactsOf('demo-resident-1')).toContainEqual(expect.objectContaining({ phone: '02159990001' }));
  });

  it('a wrong number is refused in words a committee member understands, and the old one stays', async () => {
    const before = unitDoc('demo-grid-1').contact;
    const refused = await call(emulator, COMMITTEE, 'community', 'setContact', { unitId: 'demo-grid-1', contact: { name: '网格员', phone: '5999' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('请填写正确的电话') } });
    expect(unitDoc('demo-grid-1').contact).toEqual(before);
  });

  it('a building has no phone of its own (its 楼组长 is a person), and another community is not this committee’s to change', async () => {
    const building = await call(emulator, COMMITTEE, 'community', 'setContact', { unitId: 'demo-building-1', contact: { name: '楼组长', phone: '13800001111' } });
    expect(building).toMatchObject({ ok: false, error: { code: 'FAILED_PRECONDITION' } });
    const other = await call(emulator, COMMITTEE, 'community', 'setContact', { unitId: OTHER.community, contact: { name: '值班', phone: '021-59991111' } });
    expect(other).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    const resident = await call(emulator, 'demo-resident-1', 'community', 'setContact', { unitId: 'demo-grid-1', contact: { name: '自己来', phone: '13800001111' } });
    expect(resident).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
  });

  it('cleared, the grid drops from 联系我们 and residents see the 居委会 alone', async () => {
    const cleared = await okCall(emulator, COMMITTEE, 'community', 'setContact', { unitId: 'demo-grid-1', contact: null });
    expect(cleared.contact).toBeUndefined();
    const contacts = await contactsOf('demo-resident-1');
    expect(contacts).toHaveLength(1);
    expect(contacts[0]).toMatchObject({ phone: '02159990001' });
  });
});
