/** The demand every pure-view story starts from, at a fixed Shanghai time. */
import type { Demand } from '../../miniprogram/services/demand/types';

export const HOUR = 3_600_000;
// Tuesday 1 December 2026, 10:00 in Shanghai.
export const NOW = Date.parse('2026-12-01T02:00:00Z');

export function demand(over: Partial<Demand> = {}): Demand {
  return {
    id: 'd1',
    communityId: 'c1',
    kind: 'dispute',
    category: { id: 'leak', name: '漏水' },
    deadlineClass: 'general',
    text: '楼上卫生间漏水，我家天花板一直在滴水',
    photos: ['cloud://env/demand/o1/a.jpg'],
    building: { id: 'b1', name: '1号楼' },
    grid: { id: 'g1', name: '第1微网格' },
    location: null,
    urgent: false,
    anonymous: false,
    channel: 'app',
    state: 'submitted',
    level: 'grid',
    reporter: { openid: 'o1', displayName: '王秀英', phone: '138****0001' },
    enteredBy: null,
    handler: null,
    dueAt: new Date(NOW + 24 * HOUR).toISOString(),
    dueKind: 'accept',
    overdue: false,
    misses: [],
    reopenedAt: [],
    extended: false,
    parked: null,
    rejectedReason: null,
    duplicateOf: null,
    rating: null,
    closedHow: null,
    meTooCount: 0,
    meToo: false,
    mine: true,
    createdAt: new Date(NOW).toISOString(),
    acceptedAt: null,
    resolvedAt: null,
    closedAt: null,
    timeline: [],
    can: [],
    ...over,
  };
}
