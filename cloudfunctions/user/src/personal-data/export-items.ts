import { ExportItem } from '../../../../domain/people';

/**
 * A stored record as a person's export shows it: dates as ISO instants, and without the fields that
 * name someone else (the committee member who reviewed, the provider who redeemed): the export is
 * the person's own data, not their neighbours'.
 */
export function plain(doc: Record<string, unknown>, omit: readonly string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc)) if (!omit.includes(key)) out[key] = plainValue(value);
  return out;
}

function plainValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(plainValue);
  if (value !== null && typeof value === 'object') return plain(value as Record<string, unknown>);
  return value;
}

/** One export item: the record's id, when it happened, a line to read, and the record itself. */
export function item(doc: { _id: string } & Record<string, unknown>, at: Date | null, summary: string, omit: readonly string[] = []): ExportItem {
  return { id: doc._id, at: at ? at.toISOString() : null, summary, data: plain(doc, omit) };
}

/** The first characters of a text, for a line. */
export const excerpt = (text: string, max = 30): string => ([...text].length > max ? `${[...text].slice(0, max).join('')}…` : text);
