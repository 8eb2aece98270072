import { FIELD_LABELS } from '../../domain/field-labels';
import { contract } from '../../domain/contract';

/** Every field a resident can get wrong is named in Chinese in the error message. */
function fieldNames(schema: unknown, out = new Set<string>()): Set<string> {
  const def = (schema as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
  if (!def) return out;
  if (def.type === 'object') {
    for (const [key, value] of Object.entries(def.shape as Record<string, unknown>)) {
      out.add(key);
      fieldNames(value, out);
    }
  }
  for (const inner of ['innerType', 'in', 'out', 'element']) if (def[inner]) fieldNames(def[inner], out);
  for (const option of (def.options as unknown[] | undefined) ?? []) fieldNames(option, out);
  return out;
}

test('every input field of every action has a Chinese label for error messages', () => {
  const names = new Set<string>();
  for (const actions of Object.values(contract)) for (const def of Object.values(actions)) fieldNames(def.input, names);
  expect(names.size).toBeGreaterThan(15);
  expect([...names].filter((n) => !FIELD_LABELS[n])).toEqual([]);
});
