/** Turns binding requests into what the bindings page shows (pure). */
import type { Binding } from '../../services/community';
import { shanghaiDateTime } from '../../../utils/time';

export interface BindingRow {
  id: string;
  name: string;
  /** "第1微网格 1号楼 602室". */
  home: string;
  time: string;
}

export function bindingRow(b: Binding): BindingRow {
  return { id: b.id, name: b.displayName, home: `${b.grid.name} ${b.building.name} ${b.room}室`, time: `申请于 ${shanghaiDateTime(b.createdAt)}` };
}

/** What a decision did, in plain words. */
export function reviewedText(b: Binding): string {
  return b.status === 'approved' ? `已通过：${b.displayName} 现在是 ${b.building.name} 的居民` : `已拒绝 ${b.displayName} 的申请，理由会告诉对方`;
}
