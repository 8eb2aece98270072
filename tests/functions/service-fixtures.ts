import { Emulator } from '../../emulator/app';
import { GeoPoint } from '../../domain/common';
import { ServiceItemFields, ServicePointFields } from '../../domain/services';
import { COMMUNITY, okCall } from './neighbourhood';

/** What the service tests share: a point, an item of the demo hospital, slots at chosen times. */

export const COMMITTEE = 'demo-committee';
export const PROVIDER = 'demo-provider-1';
export const HOSPITAL = 'demo-partner-hospital';
export const HOUR = 3600_000;
/** The demo community's location. */
export const CENTRE: GeoPoint = { type: 'Point', coordinates: [121.3215, 31.2987] };

export function pointFields(over: Partial<ServicePointFields> = {}): ServicePointFields {
  return { name: '友邻党群服务站', address: '友邻路 88 号', openingHours: '周一至周六 8:30-17:00', location: CENTRE, ...over };
}

export function itemFields(servicePointId: string, over: Partial<ServiceItemFields> = {}): ServiceItemFields {
  return {
    name: '中医把脉',
    description: '社区卫生服务中心医生坐诊',
    series: 'wellness',
    partnerId: HOSPITAL,
    servicePointId,
    durationMinutes: 30,
    eligibility: { kind: 'everyone' },
    cancelCutoffHours: 2,
    ...over,
  };
}

export async function addPoint(emulator: Emulator, over: Partial<ServicePointFields> = {}): Promise<any> {
  return okCall(emulator, COMMITTEE, 'service', 'createPoint', { communityId: COMMUNITY, fields: pointFields(over) });
}

/** A new item (and point unless given) of the demo hospital. */
export async function addItem(emulator: Emulator, over: Partial<ServiceItemFields> = {}): Promise<any> {
  const pointId = over.servicePointId ?? (await addPoint(emulator)).id;
  return okCall(emulator, COMMITTEE, 'service', 'createItem', { communityId: COMMUNITY, fields: itemFields(pointId, over) });
}

let slotCount = 0;
/**
 * A slot of `item` starting `fromNow` ms from now, written straight into the store the way
 * `setSchedule` writes it (the schedule's own slots fall on fixed weekdays and times).
 */
export async function addSlot(emulator: Emulator, item: any, options: { fromNow?: number; capacity?: number } = {}): Promise<string> {
  const startAt = new Date(Date.now() + (options.fromNow ?? 48 * HOUR));
  const id = `${item.id}-t${++slotCount}`;
  const capacity = options.capacity ?? 10;
  await emulator.db.insert('service_slots', [
    {
      _id: id,
      itemId: item.id,
      communityId: item.communityId,
      partnerId: item.provider.id,
      servicePointId: item.servicePoint.id,
      itemName: item.name,
      placeText: item.servicePoint.name,
      eligibility: item.eligibility,
      cancelCutoffHours: item.cancelCutoffHours,
      startAt,
      endAt: new Date(startAt.getTime() + item.durationMinutes * 60_000),
      capacity,
      booked: 0,
      seatsLeft: capacity,
      status: 'open',
      cancelReason: null,
      createdAt: new Date(),
      updatedAt: new Date(),
    },
  ]);
  return id;
}

export function slotDoc(emulator: Emulator, id: string): any {
  return emulator.db.find('service_slots', { _id: id })[0];
}

export function bookingDocs(emulator: Emulator, query: Record<string, unknown>): any[] {
  return emulator.db.find('bookings', query, { limit: 1000 });
}
