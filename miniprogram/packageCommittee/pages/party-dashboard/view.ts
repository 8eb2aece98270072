/** 党员服务看板 (pure): the dashboard's figures in words, the year files per work unit, the points form checked. */
import { pointsSettingsSchema } from '../../../generated/domain';
import type { Dashboard, PointsSettings, UnitFiles } from '../../services/party-types';

export interface Figure {
  label: string;
  value: string;
}

const hours = (h: number) => `${Math.round(h * 10) / 10} 小时`;

export function figures(d: Dashboard): Figure[] {
  return [
    { label: '报到党员', value: `${d.members} 人` },
    { label: '本季度活跃（至少 1 次核实服务）', value: `${d.activeMembers} 人` },
    { label: '等待认领的微心愿', value: d.wishesWaiting ? `${d.wishesWaiting} 个，最久已等 ${d.oldestWishDays ?? 0} 天` : '没有' },
    { label: '认领后未到岗', value: `${d.noShows} 次` },
  ];
}

export const hoursRows = (rows: Dashboard['hoursByTeam']): Figure[] => rows.map((r) => ({ label: r.name, value: hours(r.hours) }));

export const fileRows = (files: UnitFiles['files']) => files.map((f) => ({ id: f.fileId, name: f.workUnit, note: `${f.members} 名党员` }));

/** The points form as typed (strings), and back. */
export interface PointsForm {
  perHour: string;
  wish: string;
  task: string;
  shift: string;
}

export const pointsForm = (p: PointsSettings): PointsForm => ({ perHour: String(p.perHour), wish: String(p.byKind.wish), task: String(p.byKind.task), shift: String(p.byKind.shift) });

export function pointsOf(f: PointsForm): { ok: true; points: PointsSettings } | { ok: false; message: string } {
  const points = { perHour: Number(f.perHour), byKind: { wish: Number(f.wish), task: Number(f.task), shift: Number(f.shift) } };
  const fields = [f.perHour, f.wish, f.task, f.shift];
  if (fields.some((v) => v.trim() === '') || !pointsSettingsSchema.safeParse(points).success) return { ok: false, message: '积分应为 0 到 100 之间的数' };
  return { ok: true, points };
}
