import { database } from '../kit/cloud';

/** The only module that touches `audit_log`: who did what to whom, and when. Append-only. */
export const AUDIT_LOG = 'audit_log';

export type AuditAction = 'assignRole' | 'revokeRole' | 'unmaskPhones' | 'reviewBinding' | 'manageUnit';

export interface AuditEntry {
  actor: string;
  action: AuditAction;
  /** The user or unit acted on, or a listing's scope. */
  target: string;
  detail: Record<string, unknown>;
  at: Date;
}

export async function recordAudit(entry: AuditEntry): Promise<void> {
  await database().collection(AUDIT_LOG).add({ data: entry });
}
