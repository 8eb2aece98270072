import { z as zod } from 'zod/mini';
import { contract } from '../../domain/contract';
import * as deferred from '../../domain/zod';

/**
 * Domain code builds its schemas through domain/zod.ts, which makes each one on its first use. A
 * schema made that way must answer exactly as zod's own: the same successes, the same data, the same
 * issues with the same messages and paths.
 */
const lazy = deferred as unknown as typeof zod;

const id = (z: typeof zod) => z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'ID 格式不正确'));
const text = (z: typeof zod, max: number) =>
  z.string().check(
    z.trim(),
    z.refine((s) => [...s].length <= max, `不能超过 ${max} 个字`),
  );
const DEFINITIONS: Record<string, (z: typeof zod) => zod.ZodMiniType> = {
  'a strict object with nested, optional and nullable fields': (z) =>
    z.strictObject({ topicId: id(z), title: text(z, 5), note: z.optional(z.nullable(z.string())), tags: z.array(z.enum(['水', '电'])).check(z.maxLength(2)) }),
  'a discriminated union of roles': (z) => z.discriminatedUnion('role', [z.strictObject({ role: z.literal('volunteer'), communityId: id(z) }), z.strictObject({ role: z.literal('admin') })]),
  'an object checked as a whole': (z) =>
    z.strictObject({ decision: z.enum(['accept', 'decline']), reason: z.optional(z.string()) }).check(z.refine((v) => v.decision === 'accept' || v.reason !== undefined, '请写明理由')),
  'a point with a tuple of bounded numbers': (z) => z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number().check(z.minimum(-180), z.maximum(180)), z.number().check(z.int())]) }),
  'a partial of an object and a record': (z) => z.object({ fields: z.partial(z.object({ a: z.number(), b: z.boolean() })), counts: z.record(z.string(), z.number()) }),
  'a time with an offset': (z) => z.iso.datetime({ offset: true }),
};
const INPUTS: unknown[] = [
  { topicId: 't-1', title: ' 议题 ', tags: ['水'] },
  { topicId: { $ne: null }, title: '一个太长的标题啊', note: null, tags: ['水', '电', '水'], extra: 1 },
  { role: 'volunteer', communityId: 'c-1' },
  { role: 'admin', communityId: 'c-1' },
  { role: 'mayor' },
  { decision: 'decline' },
  { decision: 'accept' },
  { type: 'Point', coordinates: [121.4, 31] },
  { type: 'Point', coordinates: [200, 31.5] },
  { fields: { a: 1 }, counts: { x: 2 } },
  { fields: { b: 'yes' }, counts: { x: '2' } },
  '2026-12-06T03:15:00+08:00',
  '昨天',
  null,
  undefined,
  [],
];

describe('a schema built on first use', () => {
  it.each(Object.keys(DEFINITIONS))('%s answers every input exactly as zod does', (name) => {
    const own = DEFINITIONS[name](zod);
    const standIn = DEFINITIONS[name](lazy);
    for (const input of INPUTS) {
      const expected = own.safeParse(input);
      const actual = standIn.safeParse(input);
      expect({ input, success: actual.success, data: actual.data, issues: actual.error?.issues }).toEqual({ input, success: expected.success, data: expected.data, issues: expected.error?.issues });
    }
  });

  it('is what zod would have made: its kind, its shape and its checks', () => {
    const object = DEFINITIONS['a strict object with nested, optional and nullable fields'](lazy) as zod.ZodMiniObject;
    expect(object).toBeInstanceOf(zod.ZodMiniObject);
    expect(Object.keys(object.shape)).toEqual(['topicId', 'title', 'note', 'tags']);
    expect(zod.pick(object, { title: true }).safeParse({ title: ' 好 ' })).toEqual({ success: true, data: { title: '好' } });
  });

  it('every action of every function builds its input and output, and refuses a field its input does not have', () => {
    const actions = Object.entries(contract).flatMap(([fn, defs]) =>
      Object.entries(defs as Record<string, { input: zod.ZodMiniType; output: zod.ZodMiniType }>).map(([action, def]) => ({ fn, action, def })),
    );
    expect(actions.length).toBeGreaterThan(150);
    for (const { fn, action, def } of actions) {
      expect({ fn, action, refused: def.input.safeParse({ notAField: 1 }).success }).toEqual({ fn, action, refused: false });
      expect({ fn, action, output: def.output.safeParse(Symbol('not an answer')).success }).toEqual({ fn, action, output: false });
    }
  });
});
