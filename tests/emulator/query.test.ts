import { compileQuery } from '../../emulator/store/query';
import { Doc } from '../../emulator/store/types';

// Four residents of one compound; Chen's age was entered as a string by mistake.
const residents: Doc[] = [
  {
    _id: 'wang',
    name: 'Wang Fang',
    age: 72,
    tags: ['elderly', 'party'],
    address: { building: 3, unit: '2-101' },
    phone: '13800000001',
    joinedAt: new Date('2020-05-01T00:00:00Z'),
    household: [
      { name: 'Li Min', age: 75 },
      { name: 'Xiao Bao', age: 8 },
    ],
    visits: [3, 7],
  },
  {
    _id: 'li',
    name: 'Li Lei',
    age: 35,
    tags: ['volunteer'],
    address: { building: 5, unit: '1-302' },
    phone: null,
    joinedAt: new Date('2023-01-15T00:00:00Z'),
    household: [{ name: 'Han Mei', age: 33 }],
    visits: [1],
  },
  { _id: 'zhang', name: 'zhang wei', age: 68, tags: ['elderly'], address: { building: 3, unit: '1-201' }, joinedAt: new Date('2021-09-30T00:00:00Z'), household: [], visits: [] },
  { _id: 'chen', name: 'Chen Jing', age: '40', tags: [], address: { unit: 'shop-1' } },
];

/** The ids of the residents a query selects, in stored order. */
function ids(query: Doc, docs: Doc[] = residents): string[] {
  const match = compileQuery(query);
  return docs.filter(match).map((d) => d._id as string);
}

describe('implicit equality', () => {
  it('an empty query selects every resident', () => {
    expect(ids({})).toEqual(['wang', 'li', 'zhang', 'chen']);
  });

  it('a resident is found by name and equality is type-strict (the string "40" is not the number 40)', () => {
    expect(ids({ name: 'Li Lei' })).toEqual(['li']);
    expect(ids({ age: 40 })).toEqual([]);
    expect(ids({ age: '40' })).toEqual(['chen']);
  });

  it("a resident tagged both 'elderly' and 'party' is found by either tag (array contains)", () => {
    expect(ids({ tags: 'party' })).toEqual(['wang']);
    expect(ids({ tags: 'elderly' })).toEqual(['wang', 'zhang']);
  });

  it('equality to a whole array needs the same elements in the same order', () => {
    expect(ids({ tags: ['elderly', 'party'] })).toEqual(['wang']);
    expect(ids({ tags: ['party', 'elderly'] })).toEqual([]);
    expect(ids({ tags: [] })).toEqual(['chen']);
  });

  it('equality to an embedded document is exact, including key order', () => {
    expect(ids({ address: { building: 3, unit: '2-101' } })).toEqual(['wang']);
    expect(ids({ address: { unit: '2-101', building: 3 } })).toEqual([]);
    expect(ids({ address: { building: 3 } })).toEqual([]);
  });

  it('dates compare by instant', () => {
    expect(ids({ joinedAt: new Date('2023-01-15T00:00:00Z') })).toEqual(['li']);
  });

  it('a RegExp value means "matches the pattern"', () => {
    expect(ids({ name: /^zhang/i })).toEqual(['zhang']);
    expect(ids({ tags: /^vol/ })).toEqual(['li']);
  });

  it('a global RegExp does not carry state from one document to the next', () => {
    const match = compileQuery({ name: /Li/g });
    expect([match(residents[1]), match(residents[1]), match(residents[1])]).toEqual([true, true, true]);
  });
});

describe('dot paths and array traversal', () => {
  it('reaches into an embedded document', () => {
    expect(ids({ 'address.building': 3 })).toEqual(['wang', 'zhang']);
  });

  it('looks through an array of household members for a matching field', () => {
    expect(ids({ 'household.name': 'Han Mei' })).toEqual(['li']);
    expect(ids({ 'household.age': { $lt: 10 } })).toEqual(['wang']);
  });

  it('a numeric segment indexes the array', () => {
    expect(ids({ 'household.0.name': 'Li Min' })).toEqual(['wang']);
    expect(ids({ 'household.1.name': 'Li Min' })).toEqual([]);
    expect(ids({ 'tags.1': 'party' })).toEqual(['wang']);
  });

  it('different household members may satisfy different range bounds (no $elemMatch)', () => {
    // Wang's household has a 75-year-old and an 8-year-old: one is > 70, the other < 10.
    expect(ids({ 'household.age': { $gt: 70, $lt: 10 } })).toEqual(['wang']);
  });

  it('inherited object names like "constructor" are not mistaken for fields', () => {
    expect(ids({ constructor: { $exists: true } })).toEqual([]);
    expect(ids({ 'address.constructor': { $exists: true } })).toEqual([]);
  });
});

describe('null and missing fields', () => {
  it('{phone: null} matches an explicit null and a missing phone', () => {
    expect(ids({ phone: null })).toEqual(['li', 'zhang', 'chen']);
  });

  it('$ne: null keeps only residents that have a phone number', () => {
    expect(ids({ phone: { $ne: null } })).toEqual(['wang']);
  });

  it('$exists tells a stored null apart from a missing field', () => {
    expect(ids({ phone: { $exists: true } })).toEqual(['wang', 'li']);
    expect(ids({ phone: { $exists: false } })).toEqual(['zhang', 'chen']);
  });

  it('a path through an array of members without that field counts as null', () => {
    const docs = [
      { _id: 'a', members: [{ name: 'x' }] },
      { _id: 'b', members: [{ role: 'lead' }] },
    ];
    expect(ids({ 'members.role': null }, docs)).toEqual(['a']);
    expect(ids({ 'members.role': { $exists: false } }, docs)).toEqual(['a']);
  });

  it('$gte: null matches null and missing; $gt: null matches nothing', () => {
    expect(ids({ phone: { $gte: null } })).toEqual(['li', 'zhang', 'chen']);
    expect(ids({ phone: { $gt: null } })).toEqual([]);
  });
});

describe('comparison operators', () => {
  it('$eq and $ne', () => {
    expect(ids({ age: { $eq: 35 } })).toEqual(['li']);
    expect(ids({ tags: { $ne: 'elderly' } })).toEqual(['li', 'chen']);
  });

  it('$gt/$gte/$lt/$lte only compare values of the same type (a string age is never > 30)', () => {
    expect(ids({ age: { $gt: 68 } })).toEqual(['wang']);
    expect(ids({ age: { $gte: 68 } })).toEqual(['wang', 'zhang']);
    expect(ids({ age: { $lt: 68 } })).toEqual(['li']);
    expect(ids({ age: { $lte: 68 } })).toEqual(['li', 'zhang']);
    expect(ids({ age: { $gt: 30 } })).not.toContain('chen');
    expect(ids({ age: { $gt: '3' } })).toEqual(['chen']);
  });

  it('dates support range queries', () => {
    expect(ids({ joinedAt: { $gte: new Date('2021-01-01'), $lt: new Date('2023-01-01') } })).toEqual(['zhang']);
  });

  it('a range on an array matches when any element is in range', () => {
    expect(ids({ visits: { $gte: 5 } })).toEqual(['wang']);
  });

  it('$in matches any listed value, array elements included, and may contain patterns and null', () => {
    expect(ids({ age: { $in: [35, 68] } })).toEqual(['li', 'zhang']);
    expect(ids({ tags: { $in: ['party', 'volunteer'] } })).toEqual(['wang', 'li']);
    expect(ids({ name: { $in: [/^chen/i, 'Li Lei'] } })).toEqual(['li', 'chen']);
    expect(ids({ phone: { $in: [null] } })).toEqual(['li', 'zhang', 'chen']);
  });

  it('$nin excludes residents with any listed value and keeps those without the field', () => {
    expect(ids({ tags: { $nin: ['elderly'] } })).toEqual(['li', 'chen']);
    expect(ids({ phone: { $nin: ['13800000001'] } })).toEqual(['li', 'zhang', 'chen']);
  });
});

describe('array operators', () => {
  it("a resident tagged both 'elderly' and 'party' matches $all of them", () => {
    expect(ids({ tags: { $all: ['elderly', 'party'] } })).toEqual(['wang']);
    expect(ids({ tags: { $all: ['elderly'] } })).toEqual(['wang', 'zhang']);
    expect(ids({ tags: { $all: [] } })).toEqual([]);
  });

  it('$all with $elemMatch requires each described member', () => {
    const query = { household: { $all: [{ $elemMatch: { age: { $gt: 70 } } }, { $elemMatch: { age: { $lt: 10 } } }] } };
    expect(ids(query)).toEqual(['wang']);
  });

  it('$size counts array elements and ignores non-arrays', () => {
    expect(ids({ tags: { $size: 0 } })).toEqual(['chen']);
    expect(ids({ visits: { $size: 0 } })).toEqual(['zhang']);
    expect(ids({ tags: { $size: 2 } })).toEqual(['wang']);
    expect(ids({ name: { $size: 0 } })).toEqual([]);
  });

  it('$elemMatch (object form) needs one household member to satisfy every condition', () => {
    expect(ids({ household: { $elemMatch: { age: { $gt: 70, $lt: 10 } } } })).toEqual([]);
    expect(ids({ household: { $elemMatch: { name: /^Xiao/, age: { $lt: 10 } } } })).toEqual(['wang']);
  });

  it('$elemMatch (operator form) applies the operators to each element', () => {
    expect(ids({ visits: { $elemMatch: { $gte: 2, $lt: 5 } } })).toEqual(['wang']);
    expect(ids({ visits: { $elemMatch: { $gte: 4, $lt: 5 } } })).toEqual([]);
  });
});

describe('$not, $regex, $mod, $type', () => {
  it('$not negates an operator document and also matches residents without the field', () => {
    expect(ids({ age: { $not: { $gt: 60 } } })).toEqual(['li', 'chen']);
    expect(ids({ phone: { $not: { $eq: '13800000001' } } })).toEqual(['li', 'zhang', 'chen']);
  });

  it('$not with a regex excludes names matching it', () => {
    expect(ids({ name: { $not: /^(Wang|Li)/ } })).toEqual(['zhang', 'chen']);
  });

  it('$regex with $options as sent by db.RegExp', () => {
    expect(ids({ name: { $regex: '^ZHANG', $options: 'i' } })).toEqual(['zhang']);
    expect(ids({ name: { $regex: '^ZHANG' } })).toEqual([]);
    expect(ids({ 'address.unit': { $regex: '^ 1 - \\d+ # unit on floor one', $options: 'x' } })).toEqual(['li', 'zhang']);
  });

  it('$mod selects even ages and never matches non-numbers', () => {
    expect(ids({ age: { $mod: [2, 0] } })).toEqual(['wang', 'zhang']);
    expect(ids({ age: { $mod: [5, 0] } })).toEqual(['li']);
  });

  it('$type distinguishes numbers, strings, arrays, null and dates', () => {
    expect(ids({ age: { $type: 'string' } })).toEqual(['chen']);
    expect(ids({ age: { $type: 'number' } })).toEqual(['wang', 'li', 'zhang']);
    expect(ids({ age: { $type: 'int' } })).toEqual(['wang', 'li', 'zhang']);
    expect(ids({ phone: { $type: 'null' } })).toEqual(['li']);
    expect(ids({ tags: { $type: 'array' } })).toEqual(['wang', 'li', 'zhang', 'chen']);
    expect(ids({ tags: { $type: 'string' } })).toEqual(['wang', 'li', 'zhang']);
    expect(ids({ joinedAt: { $type: 9 } })).toEqual(['wang', 'li', 'zhang']);
    expect(ids({ address: { $type: ['object', 'string'] } })).toHaveLength(4);
  });
});

describe('logical operators', () => {
  it('$and, $or and $nor combine whole queries', () => {
    expect(ids({ $and: [{ age: { $gt: 60 } }, { 'address.building': 3 }, { tags: 'party' }] })).toEqual(['wang']);
    expect(ids({ $or: [{ tags: 'volunteer' }, { age: '40' }] })).toEqual(['li', 'chen']);
    expect(ids({ $nor: [{ tags: 'elderly' }, { phone: null }] })).toEqual([]);
    expect(ids({ $nor: [{ tags: 'elderly' }] })).toEqual(['li', 'chen']);
  });

  it('logical operators nest (what wx-server-sdk sends for _.or(...).and(...))', () => {
    const query = { $and: [{ $or: [{ age: { $lt: 40 } }, { age: { $gt: 70 } }] }, { 'household.0': { $exists: true } }] };
    expect(ids(query)).toEqual(['wang', 'li']);
  });

  it('$comment is accepted and ignored', () => {
    expect(ids({ $comment: 'weekly visit list', tags: 'elderly' })).toEqual(['wang', 'zhang']);
  });
});
