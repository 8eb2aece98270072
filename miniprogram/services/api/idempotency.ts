/**
 * A key that makes a write safe to retry: the same key from the same user gets the first call's
 * answer (domain/contract `eventSchema`: 8–64 of [A-Za-z0-9_-]). Not a secret, so Math.random will do.
 */
export function newIdempotencyKey(): string {
  const random = () => Math.random().toString(36).slice(2, 10);
  return `${Date.now().toString(36)}-${random()}${random()}`;
}
