// Query operators written with the real wx-server-sdk inside a hosted cloud function: comparison
// commands, and/or/nor/not, regular expressions, and what is refused; checked against what MongoDB
// gives for the query the SDK actually sends.
import { queryTestSetup } from './sdk-query-setup';

describe('queries through the real SDK in a hosted function', () => {
  const hosted = queryTestSetup();

  it('the comparison commands pick neighbours by age and building; $ne and $nin also match a missing field', async () => {
    const value = await hosted.run(
      `return {
         eq: await ids({ age: _.eq(65) }),
         neq: await ids({ building: _.neq(3) }),
         gt: await ids({ age: _.gt(60) }),
         lt: await ids({ age: _.lt(29) }),
         lte: await ids({ age: _.lte(29) }),
         in: await ids({ building: _.in([1, 2]) }),
         nin: await ids({ tags: _.nin(['党员', '楼长']) }),
         neqOnArray: await ids({ tags: _.neq('志愿者') }),
       };`,
    );
    expect(value).toEqual({
      eq: ['r2'],
      neq: ['r3', 'r5', 'r6', 'r7', 'r8'],
      gt: ['r1', 'r2'], // 60 is not greater than 60; 孙阿姨 has no age
      lt: ['r6'],
      lte: ['r6', 'r7'],
      in: ['r3', 'r5', 'r6', 'r7'],
      // No element in the list: an empty or missing tags field qualifies too.
      nin: ['r2', 'r3', 'r6', 'r7', 'r8'],
      neqOnArray: ['r3', 'r4', 'r5', 'r6'],
    });
  });

  it('and, or, nor and not combine conditions; not also matches the neighbour whose age is unknown', async () => {
    const value = await hosted.run(
      `return {
         chainedAnd: await ids({ age: _.gt(30).and(_.lt(50)) }),
         rangeOverElements: await ids({ hours: _.gt(2).and(_.lt(3)) }),
         fieldAnd: await ids({ age: _.and([_.gte(60), _.lte(65)]) }),
         topAnd: await ids(_.and([{ building: 3 }, { age: _.lt(65) }])),
         topOr: await ids(_.or([{ building: 1 }, { age: _.gte(70) }])),
         fieldOr: await ids({ age: _.or([_.lt(10), _.gt(70)]) }),
         chainedOr: await ids({ age: _.lt(10).or(_.gt(70)) }),
         nor: await ids(_.nor([{ building: 3 }, { tags: '楼长' }])),
         not: await ids({ age: _.not(_.gt(30)) }),
       };`,
    );
    expect(value).toEqual({
      chainedAnd: ['r3', 'r5'],
      // Sent as $and of two conditions on an array: different elements may satisfy each (8 > 2, 2 < 3).
      rangeOverElements: ['r1'],
      fieldAnd: ['r2', 'r4'],
      topAnd: ['r4'],
      topOr: ['r1', 'r3', 'r6'],
      fieldOr: ['r1', 'r6'],
      chainedOr: ['r1', 'r6'],
      nor: ['r3', 'r6', 'r7', 'r8'],
      not: ['r6', 'r7', 'r8'],
    });
  });

  it('nicknames and rooms found by db.RegExp and by JavaScript regular expressions', async () => {
    const value = await hosted.run(
      `return {
         dbRegExpI: await ids({ nickname: db.RegExp({ regexp: '^x', options: 'i' }) }),
         dbRegExp: await ids({ name: db.RegExp({ regexp: '^王' }) }),
         jsRegExp: await ids({ nickname: /^x/ }),
         jsRegExpI: await ids({ nickname: /^X/i }),
         roomsOnFirstFloor: await ids({ 'address.room': /^10/ }),
         inWithPattern: await ids({ name: _.in([/^王/, '张伟']) }),
         notWang: await ids({ name: _.not(/^王/) }),
       };`,
    );
    expect(value).toEqual({
      dbRegExpI: ['r2', 'r6', 'r7'],
      dbRegExp: ['r1', 'r6'],
      jsRegExp: ['r2', 'r6'],
      jsRegExpI: ['r2', 'r6', 'r7'],
      roomsOnFirstFloor: ['r3', 'r4', 'r6'],
      // A pattern inside $in matches like a regex; $not with a pattern keeps everyone else.
      inWithPattern: ['r1', 'r3', 'r6'],
      notWang: ['r2', 'r3', 'r4', 'r5', 'r7', 'r8'],
    });
  });

  it('reading a collection that was never created fails with -502005; an unknown operator is refused', async () => {
    const value = await hosted.run(
      `const failure = async (run) => {
         try { await run(); return null; } catch (e) { return { errCode: e.errCode, errMsg: e.errMsg }; }
       };
       return {
         missing: await failure(() => db.collection('lost_and_found').get()),
         unknownOperator: await failure(() => residents.where({ age: { $between: [30, 40] } }).get()),
       };`,
    );
    expect(value.missing.errCode).toBe(-502005);
    expect(value.missing.errMsg).toMatch(/^collection\.get:fail/);
    expect(value.unknownOperator).not.toBeNull();
    expect(value.unknownOperator.errCode).toBeLessThan(0);
    expect(value.unknownOperator.errMsg).toContain('$between');
  });
});
