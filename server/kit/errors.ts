import { fieldLabel } from '../../domain/field-labels';
import { AppError } from '../../domain/result';

/** Turns a zod issue list into one sentence a resident can act on. */
export function invalidArgument(issues: readonly { code: string; path: readonly PropertyKey[]; message: string; keys?: readonly string[] }[]): AppError {
  const issue = issues[0];
  const field = fieldLabel(issue.path);
  if (issue.code === 'unrecognized_keys') return new AppError('INVALID_ARGUMENT', `不认识的字段：${(issue.keys ?? []).join('、')}`);
  // Our own checks carry Chinese messages; zod's generic ones ("Invalid input") get a field name instead.
  const ours = /[\u4e00-\u9fa5]/.test(issue.message);
  if (ours) return new AppError('INVALID_ARGUMENT', issue.message);
  return new AppError('INVALID_ARGUMENT', field ? `${field}格式不正确` : '参数格式不正确');
}

/** The store's "someone else changed it first"; worth retrying. */
export function isTransactionConflict(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message}` : JSON.stringify(error ?? '');
  return text.includes('DATABASE_TRANSACTION_CONFLICT') || text.includes('事务冲突');
}

/** The SDK's `doc(id).get()` inside a transaction throws for a missing document (outside one it answers an empty list). */
export function isMissingDocument(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message}` : JSON.stringify(error ?? '');
  return /document with _id .* does not exist/.test(text);
}

export function isDuplicateWrite(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message}` : JSON.stringify(error ?? '');
  return text.includes('DATABASE_DUPLICATE_WRITE') || text.includes('E11000') || text.includes('duplicate key');
}
