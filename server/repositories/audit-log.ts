import { z } from 'zod/mini';
import { database } from '../kit/cloud';
import { updateWhere, personalRead } from './docs';

/** The only module that touches `audit_log`: who did what to whom, and when. Append-only. */
export const AUDIT_LOG = 'audit_log';

export type AuditAction = 'assignRole' | 'revokeRole' | 'unmaskPhones' | 'reviewBinding' | 'manageUnit' | 'exportMine' | 'withdrawConsent' | 'deleteAccount';

export interface AuditEntry {
  actor: string;
  action: AuditAction;
  /** The user or unit acted on, or a listing's scope. */
  target: string;
  detail: Record<string, unknown>;
  at: Date;
}

const auditDocSchema = z.object({ _id: z.string(), actor: z.string(), action: z.string(), target: z.string(), detail: z.record(z.string(), z.unknown()), at: z.date() });
export type AuditDoc = z.infer<typeof auditDocSchema>;

export async function recordAudit(entry: AuditEntry): Promise<void> {
  await database().collection(AUDIT_LOG).add({ data: entry });
}

/**
 * An account's end: the log keeps what was done, and when, with the person named by their
 * pseudonym. The only change the log ever sees; entries never carry personal data in `detail`.
 */
export async function pseudonymiseAuditOf(openid: string, pseudonym: string): Promise<number> {
  const actors = await updateWhere(AUDIT_LOG, { actor: openid }, { actor: pseudonym });
  return actors + (await updateWhere(AUDIT_LOG, { target: openid }, { target: pseudonym }));
}

/** A person's audit entries, done to them or by them, newest first, at most `limit`: for their export (PersonalRead). */
export const auditAboutRead = (openid: string, limit: number) => personalRead(AUDIT_LOG, auditDocSchema, { $or: [{ target: openid }, { actor: openid }] }, limit, 'at');
