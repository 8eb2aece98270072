/**
 * Logs for operators, never with personal data: no event data, no error messages (a duplicate-key
 * message can carry a phone number), only where and what kind of failure.
 */
export function logFailure(fn: string, action: string, error: unknown): void {
  const name = error instanceof Error ? error.name : typeof error;
  const code = typeof error === 'object' && error !== null && 'errCode' in error ? String(error.errCode) : '';
  const where =
    error instanceof Error
      ? (error.stack ?? '')
          .split('\n')
          .filter((l) => l.trim().startsWith('at '))
          .slice(0, 3)
          .join(' | ')
      : '';
  console.error(JSON.stringify({ level: 'error', fn, action, error: name, code, where }));
}

export function logCall(fn: string, action: string, outcome: string, ms: number): void {
  if (process.env.YOULIN_LOG_CALLS === '1') console.log(JSON.stringify({ level: 'info', fn, action, outcome, ms }));
}

/** A setting the deploy left missing or unusable: named, never its value. */
export function logConfigError(setting: string, problem: string): void {
  console.error(JSON.stringify({ level: 'error', config: setting, problem }));
}
