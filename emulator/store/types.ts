/** A stored document: plain JSON-like values plus Date (EJSON $date) and RegExp (EJSON $regularExpression). */
export type Doc = Record<string, unknown>;

/** Error codes the CloudBase database answers with; wx-server-sdk maps some of them to numeric errCodes. */
export type StoreErrorCode =
  | 'INVALID_PARAM'
  | 'DATABASE_REQUEST_FAILED'
  | 'DATABASE_COLLECTION_NOT_EXIST'
  | 'DATABASE_COLLECTION_ALREADY_EXIST'
  | 'DATABASE_DUPLICATE_WRITE'
  | 'DATABASE_TRANSACTION_CONFLICT'
  | 'DATABASE_TRANSACTION_FAIL'
  | 'DATABASE_INVALID_OPERRATOR'
  | 'STORAGE_PERMISSION_DENIED';

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

export function isDoc(value: unknown): value is Doc {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && !(value instanceof RegExp);
}
