// Array fields and embedded documents queried with the real wx-server-sdk inside a hosted cloud
// function: element matches, exists/size/all/elemMatch, dot paths and whole-document equality;
// checked against what MongoDB gives for the query the SDK actually sends.
import { queryTestSetup } from './sdk-query-setup';

describe('queries through the real SDK in a hosted function', () => {
  const hosted = queryTestSetup();

  it('tags and skills: array contains, exists, size, all, and elemMatch versus separate element conditions', async () => {
    const value = await hosted.run(
      `return {
         contains: await ids({ tags: '楼长' }),
         wholeArray: await ids({ tags: ['志愿者'] }),
         wholeArrayOtherOrder: await ids({ tags: ['党员', '志愿者'] }),
         withPhone: await ids({ phone: _.exists(true) }),
         withoutTags: await ids({ tags: _.exists(false) }),
         twoTags: await ids({ tags: _.size(2) }),
         noTags: await ids({ tags: _.size(0) }),
         volunteerAndMember: await ids({ tags: _.all(['志愿者', '党员']) }),
         goodRepairer: await ids({ skills: _.elemMatch({ name: '修电器', level: _.gte(3) }) }),
         anyElementEach: await ids({ 'skills.name': '修电器', 'skills.level': _.gte(3) }),
         longShift: await ids({ hours: _.elemMatch(_.gt(6)) }),
       };`,
    );
    expect(value).toEqual({
      contains: ['r4', 'r5'],
      // An array value must equal the whole array, order included.
      wholeArray: ['r2', 'r8'],
      wholeArrayOtherOrder: [],
      withPhone: ['r1', 'r4'],
      withoutTags: ['r6'],
      twoTags: ['r1', 'r4', 'r7'],
      noTags: ['r3'],
      volunteerAndMember: ['r1'],
      // One element must satisfy both conditions: 王建国 repairs at level 1 only.
      goodRepairer: ['r4'],
      // Without elemMatch each condition may be met by a different element: his 理发 is level 3.
      anyElementEach: ['r1', 'r4'],
      longShift: ['r1', 'r4', 'r7'],
    });
  });

  it('addresses by dot path; the object form is sent as dot paths too, so it is not a whole-document match', async () => {
    // The SDK flattens {address: {building, room}} into {'address.building', 'address.room'} before sending
    // (serializer/common.js flattenQueryObject), so 刘芳's extra `unit` does not stop the match.
    const value = await hosted.run(
      `return {
         dotPath: await ids({ 'address.building': 'b1' }),
         objectForm: await ids({ address: { building: 'b3', room: '101' } }),
         objectFormWithCommand: await ids({ address: { building: _.in(['b1', 'b2']) } }),
         wholeDocument: await ids({ address: _.eq({ building: 'b1', room: '101' }) }),
         wholeDocumentOtherKeyOrder: await ids({ address: _.eq({ room: '101', building: 'b1' }) }),
         wholeDocumentMissingUnit: await ids({ address: _.eq({ building: 'b3', room: '101' }) }),
       };`,
    );
    expect(value).toEqual({
      dotPath: ['r3', 'r6'],
      objectForm: ['r4'],
      objectFormWithCommand: ['r3', 'r5', 'r6', 'r7'],
      // $eq with a document compares whole embedded documents, key order included.
      wholeDocument: ['r3'],
      wholeDocumentOtherKeyOrder: [],
      wholeDocumentMissingUnit: [],
    });
  });
});
