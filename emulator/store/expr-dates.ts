import { isNullish } from './expr-operators';
import type { ExprContext, Evaluate, Operator } from './expressions';
import { StoreError, isDoc } from './types';

/** Milliseconds to add to a UTC instant to get the wall clock in a zone (DST-aware for named zones). */
type ZoneOffset = (date: Date) => number;

const FIXED_OFFSET = /^([+-])(\d{2}):?(\d{2})?$/;
const formatters = new Map<string, Intl.DateTimeFormat>();

function namedZoneFormatter(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new StoreError('INVALID_PARAM', `unrecognized time zone identifier: ${zone}`);
    }
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** Accepts Olson names ('Asia/Shanghai'), UTC offsets ('+08:00', '+0800', '-05') and 'UTC'/'GMT'. */
export function zoneOffset(zone: unknown): ZoneOffset {
  if (isNullish(zone) || zone === 'UTC' || zone === 'GMT' || zone === 'Z') return () => 0;
  if (typeof zone !== 'string') throw new StoreError('INVALID_PARAM', `timezone must be a string, got ${JSON.stringify(zone)}`);
  const fixed = FIXED_OFFSET.exec(zone);
  if (fixed) {
    const hours = Number(fixed[2]);
    const minutes = Number(fixed[3] ?? 0);
    if (hours > 23 || minutes > 59) throw new StoreError('INVALID_PARAM', `invalid UTC offset: ${zone}`);
    const offset = (fixed[1] === '-' ? -1 : 1) * (hours * 60 + minutes) * 60_000;
    return () => offset;
  }
  const formatter = namedZoneFormatter(zone);
  return (date) => {
    const parts: Record<string, number> = {};
    for (const part of formatter.formatToParts(date)) parts[part.type] = Number(part.value);
    const wall = new Date(Date.UTC(2000, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second));
    wall.setUTCFullYear(parts.year); // Date.UTC would read years 0–99 as 1900–1999
    return wall.getTime() - Math.floor(date.getTime() / 1000) * 1000;
  };
}

interface WallClock {
  /** The local time, stored in the UTC fields so getUTC* read it back. */
  local: Date;
  offsetMs: number;
}

function wallClock(date: Date, zone: unknown): WallClock {
  if (Number.isNaN(date.getTime())) throw new StoreError('INVALID_PARAM', 'cannot read the parts of an invalid date');
  const offsetMs = zoneOffset(zone)(date);
  return { local: new Date(date.getTime() + offsetMs), offsetMs };
}

/** Date operators take `expr`, `[expr]` or `{date, timezone}`; a null or missing date gives null. */
function dateArgument(op: string, arg: unknown, ctx: ExprContext, ev: Evaluate): WallClock | null {
  let dateExpr = arg;
  let zone: unknown;
  if (isDoc(arg) && 'date' in arg) {
    dateExpr = arg.date;
    zone = ev(arg.timezone, ctx);
  } else if (Array.isArray(arg)) {
    if (arg.length !== 1) throw new StoreError('INVALID_PARAM', `${op} takes exactly 1 argument`);
    dateExpr = arg[0];
  }
  const date = ev(dateExpr, ctx);
  if (isNullish(date)) return null;
  if (!(date instanceof Date)) throw new StoreError('INVALID_PARAM', `${op} needs a date, got ${JSON.stringify(date)}`);
  return wallClock(date, zone);
}

function dayOfYear(local: Date): number {
  return Math.floor((local.getTime() - Date.UTC(local.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
}

function datePart(op: string, part: (local: Date) => number): Operator {
  return (arg, ctx, ev) => {
    const clock = dateArgument(op, arg, ctx, ev);
    return clock === null ? null : part(clock.local);
  };
}

const pad = (n: number, width: number): string => String(Math.abs(n)).padStart(width, '0');

function formatOffset(offsetMs: number): string {
  const minutes = Math.round(offsetMs / 60_000);
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(minutes) / 60), 2)}${pad(Math.abs(minutes) % 60, 2)}`;
}

const SPECIFIERS: Record<string, (clock: WallClock) => string> = {
  Y: ({ local }) => pad(local.getUTCFullYear(), 4),
  m: ({ local }) => pad(local.getUTCMonth() + 1, 2),
  d: ({ local }) => pad(local.getUTCDate(), 2),
  H: ({ local }) => pad(local.getUTCHours(), 2),
  M: ({ local }) => pad(local.getUTCMinutes(), 2),
  S: ({ local }) => pad(local.getUTCSeconds(), 2),
  L: ({ local }) => pad(local.getUTCMilliseconds(), 3),
  j: ({ local }) => pad(dayOfYear(local), 3),
  u: ({ local }) => String(local.getUTCDay() === 0 ? 7 : local.getUTCDay()), // ISO: Monday 1 … Sunday 7
  w: ({ local }) => String(local.getUTCDay() + 1), // Mongo: Sunday 1 … Saturday 7
  z: ({ offsetMs }) => formatOffset(offsetMs),
  Z: ({ offsetMs }) => String(Math.round(offsetMs / 60_000)),
  '%': () => '%',
};

export function formatDate(clock: WallClock, format: string): string {
  let out = '';
  for (let i = 0; i < format.length; i++) {
    if (format[i] !== '%') {
      out += format[i];
      continue;
    }
    const specifier = SPECIFIERS[format[++i]];
    if (!specifier) throw new StoreError('INVALID_PARAM', `$dateToString format has an invalid specifier '%${format[i] ?? ''}'`);
    out += specifier(clock);
  }
  return out;
}

const dateToString: Operator = (arg, ctx, ev) => {
  if (!isDoc(arg) || !('date' in arg)) throw new StoreError('INVALID_PARAM', '$dateToString needs {date, format, timezone, onNull}');
  const format = arg.format === undefined ? '%Y-%m-%dT%H:%M:%S.%LZ' : ev(arg.format, ctx);
  if (typeof format !== 'string') throw new StoreError('INVALID_PARAM', '$dateToString format must be a string');
  const date = ev(arg.date, ctx);
  if (isNullish(date)) return 'onNull' in arg ? ev(arg.onNull, ctx) : null;
  if (!(date instanceof Date)) throw new StoreError('INVALID_PARAM', `$dateToString needs a date, got ${JSON.stringify(date)}`);
  return formatDate(wallClock(date, ev(arg.timezone, ctx)), format);
};

export const DATE_OPERATORS: Record<string, Operator> = {
  $year: datePart('$year', (d) => d.getUTCFullYear()),
  $month: datePart('$month', (d) => d.getUTCMonth() + 1),
  $dayOfMonth: datePart('$dayOfMonth', (d) => d.getUTCDate()),
  $hour: datePart('$hour', (d) => d.getUTCHours()),
  $minute: datePart('$minute', (d) => d.getUTCMinutes()),
  $second: datePart('$second', (d) => d.getUTCSeconds()),
  $millisecond: datePart('$millisecond', (d) => d.getUTCMilliseconds()),
  $dayOfWeek: datePart('$dayOfWeek', (d) => d.getUTCDay() + 1),
  $dayOfYear: datePart('$dayOfYear', dayOfYear),
  $dateToString: dateToString,
};
