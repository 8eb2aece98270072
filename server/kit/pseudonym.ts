import crypto from 'node:crypto';

/**
 * What replaces a deleted person's openid where their records stay (hours in the ledger, history of
 * signups, reports, the audit log): the same for all their records, so totals still add up per
 * person, and never their openid. It has an openid's shape (letters, digits, `-`; no `|`), so every
 * schema that checks an openid still reads these records.
 */
export function pseudonymOf(openid: string): string {
  return `deleted-${crypto.createHash('sha256').update(`youlin-deleted-account|${openid}`).digest('hex').slice(0, 24)}`;
}
