import { Emulator } from '../../emulator/app';
import { COMMUNITY, okCall } from './neighbourhood';
import { MANAGERS, Row } from './permission-table';
import { addItem, addSlot, itemFields, pointFields } from './service-fixtures';

/**
 * Who may manage and redeem services: the committee of the community (and admins) manage the
 * catalogue; the provider of the item's unit (or the committee) cancels a slot; only the provider
 * of the unit redeems. Rows of the permission table (service-permissions.test.ts), also run by the
 * request budget (request-budget.test.ts).
 */
let item: any = null;
/** One service item of the demo community for the rows, made on first use. */
async function itemOf(e: Emulator): Promise<any> {
  item ??= await addItem(e);
  return item;
}

export const SERVICE_ROWS: Row[] = [
  { action: 'createPoint', what: 'set up a service point here', allowed: MANAGERS, input: () => ({ communityId: COMMUNITY, fields: pointFields() }) },
  { action: 'createItem', what: 'create a service here', allowed: MANAGERS, input: async (e) => ({ communityId: COMMUNITY, fields: itemFields((await itemOf(e)).servicePoint.id) }) },
  {
    action: 'setSchedule',
    what: "set a service's weekly slots",
    allowed: MANAGERS,
    input: async (e) => ({ itemId: (await itemOf(e)).id, templates: [{ weekday: 3, startTime: '10:00', capacity: 4 }], weeks: 1 }),
  },
  { action: 'cancelSlot', what: 'cancel a slot with a reason', allowed: [...MANAGERS, 'provider'], input: async (e) => ({ slotId: await addSlot(e, await itemOf(e)), reason: '医生临时出诊' }) },
  {
    action: 'redeem',
    what: "redeem a resident's booking code",
    allowed: ['provider'],
    input: async (e) => ({ itemId: (await itemOf(e)).id, code: (await okCall(e, 'demo-resident-2', 'service', 'book', { slotId: await addSlot(e, await itemOf(e), { fromNow: 20 * 60_000 }) })).code }),
  },
];
