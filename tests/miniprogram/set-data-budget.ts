// The setData budget of the page tests: every setData a rendered page or component makes is logged
// (simulate.ts records them) with its size and how much each list in it grew; each page test checks
// the log after each test.
import fs from 'node:fs';

/** The budget (the platform's limit is 256 KB a call). */
export const SET_DATA_BUDGET = { maxBytes: 64 * 1024, maxListGrowth: 20 } as const;

export interface SetDataRecord {
  /** The page or component, as its path under miniprogram/ (e.g. pages/circle/circle). */
  component: string;
  keys: string[];
  /** UTF-8 bytes of the payload as JSON, as it crosses to the view layer. */
  bytes: number;
  /** The most items any one list in the payload gained compared with what was there before. */
  listGrowth: number;
}

let setDataLog: SetDataRecord[] = [];

function listGrowth(before: Record<string, unknown>, payload: Record<string, unknown>): number {
  let most = 0;
  for (const [key, value] of Object.entries(payload)) {
    if (!Array.isArray(value)) continue;
    // Only top-level keys are compared; a path key ('rows[20]', 'a.b') sets one entry at a time.
    const old = /^[\w$]+$/.test(key) ? before[key] : undefined;
    most = Math.max(most, value.length - (Array.isArray(old) ? old.length : 0));
  }
  return most;
}

export function record(component: string, before: Record<string, unknown>, payload: Record<string, unknown>): void {
  const json = JSON.stringify(payload) ?? '';
  const entry = { component, keys: Object.keys(payload ?? {}), bytes: Buffer.byteLength(json, 'utf8'), listGrowth: listGrowth(before ?? {}, payload ?? {}) };
  setDataLog.push(entry);
}

/** Every setData since the last `expectSetDataWithinBudget()` / `clearSetDataLog()`. */
export const setDataRecords = (): readonly SetDataRecord[] => setDataLog;
export const clearSetDataLog = (): void => {
  setDataLog = [];
};

/** Fails when a setData since the last check exceeded the budget; then starts a new log. */
export function expectSetDataWithinBudget(): void {
  const log = setDataLog;
  setDataLog = [];
  // `npm run bench` collects the largest payload of every page test through this file.
  const report = process.env.YOULIN_SETDATA_LOG;
  const largest = log.reduce<SetDataRecord | null>((a, r) => (!a || r.bytes > a.bytes ? r : a), null);
  const mostListGrowth = Math.max(0, ...log.map((r) => r.listGrowth));
  if (report && largest) fs.appendFileSync(report, `${JSON.stringify({ test: expect.getState().currentTestName ?? '', ...largest, mostListGrowth })}\n`);
  const tooBig = log.filter((r) => r.bytes > SET_DATA_BUDGET.maxBytes);
  const tooMany = log.filter((r) => r.listGrowth > SET_DATA_BUDGET.maxListGrowth);
  const describe = (r: SetDataRecord) => `${r.component} setData(${r.keys.join(', ')}): ${r.bytes} bytes, a list grew by ${r.listGrowth}`;
  if (tooBig.length || tooMany.length) {
    throw new Error(`setData over budget (≤${SET_DATA_BUDGET.maxBytes} bytes, lists +${SET_DATA_BUDGET.maxListGrowth} a call):\n${[...tooBig, ...tooMany].map(describe).join('\n')}`);
  }
}
