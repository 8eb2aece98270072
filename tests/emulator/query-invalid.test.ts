// Queries the store refuses when it compiles them, as MongoDB (and so CloudBase) does, before any document is read.
import { compileQuery, indexableConditions } from '../../emulator/store/query';
import { storeError } from './expect-store-error';

describe('invalid queries fail at compile time', () => {
  it('an unknown field operator is named in the error', () => {
    const err = storeError(() => compileQuery({ age: { $between: [1, 2] } }));
    expect(err.code).toBe('INVALID_PARAM');
    expect(err.message).toContain('$between');
  });

  it('an unknown top-level operator is named in the error, before any document is seen', () => {
    expect(storeError(() => compileQuery({ $where: 'this.age > 1' })).message).toContain('$where');
    expect(storeError(() => compileQuery({ $and: [{ tags: { $elemMatch: { $foo: 1 } } }] })).message).toContain('$foo');
  });

  it('malformed operands are rejected', () => {
    expect(storeError(() => compileQuery({ tags: { $in: 'party' } })).code).toBe('INVALID_PARAM');
    expect(storeError(() => compileQuery({ tags: { $size: -1 } })).code).toBe('INVALID_PARAM');
    expect(storeError(() => compileQuery({ age: { $mod: [0, 1] } })).code).toBe('INVALID_PARAM');
    expect(storeError(() => compileQuery({ $or: [] })).code).toBe('INVALID_PARAM');
    expect(storeError(() => compileQuery({ name: { $regex: '(' } })).message).toContain('$regex');
    expect(storeError(() => compileQuery({ age: { $gt: 1, plain: 2 } })).message).toContain('plain');
    expect(storeError(() => compileQuery({ age: { $type: 'colour' } })).message).toContain('colour');
    expect(storeError(() => compileQuery({ age: { $not: 5 } })).message).toContain('$not');
  });
});

describe('indexableConditions', () => {
  it('reports equality, $in and ranges from the top level and a top-level $and', () => {
    const conditions = indexableConditions({
      status: 'open',
      buildingNo: { $in: [3, 5] },
      $and: [{ age: { $gte: 60, $lt: 80 } }, { 'address.unit': { $eq: '2-101' } }],
      $or: [{ ignored: 1 }],
    });
    expect(conditions.get('status')).toEqual({ eq: ['open'] });
    expect(conditions.get('buildingNo')).toEqual({ eq: [3, 5] });
    expect(conditions.get('age')).toEqual({ gte: 60, lt: 80 });
    expect(conditions.get('address.unit')).toEqual({ eq: ['2-101'] });
    expect(conditions.has('ignored')).toBe(false);
  });

  it('leaves out conditions an index could not answer safely', () => {
    const conditions = indexableConditions({
      phone: null,
      name: /^Li/,
      tags: { $in: ['a', /b/] },
      age: { $ne: 3 },
    });
    expect([...conditions.keys()]).toEqual([]);
  });

  it('keeps the tighter bound when a field is constrained twice', () => {
    const conditions = indexableConditions({ $and: [{ age: { $gt: 10 } }, { age: { $gt: 20, $in: [25, 30, 35] } }, { age: { $in: [25] } }] });
    expect(conditions.get('age')).toEqual({ gt: 20, eq: [25] });
  });
});
