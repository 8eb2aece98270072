// What every SDK query test file sets up the same way: one emulator for the file holding eight
// neighbours, and each query run as the body of a hosted cloud function using the real wx-server-sdk.
// Call `queryTestSetup()` once at the top of the file's describe block.
import { Emulator } from '../../emulator/app';
import { runInFunction, startTestEmulator } from '../helpers/emulator';

// Eight neighbours of one compound. 孙阿姨 never gave her age or address; 王小红 has no tags at all.
const NEIGHBOURS = [
  {
    _id: 'r1',
    name: '王建国',
    age: 72,
    building: 3,
    nickname: 'LaoWang',
    tags: ['志愿者', '党员'],
    address: { building: 'b3', room: '301' },
    skills: [
      { name: '理发', level: 3 },
      { name: '修电器', level: 1 },
    ],
    phone: '13800000001',
    hours: [2, 8, 3],
  },
  { _id: 'r2', name: '李秀英', age: 65, building: 3, nickname: 'xiuying', tags: ['志愿者'], address: { building: 'b3', room: '502' }, skills: [{ name: '广场舞', level: 5 }], hours: [1] },
  { _id: 'r3', name: '张伟', age: 34, building: 1, nickname: 'david_zhang', tags: [], address: { building: 'b1', room: '101' }, hours: [] },
  {
    _id: 'r4',
    name: '刘芳',
    age: 60,
    building: 3,
    nickname: 'FangFang',
    tags: ['党员', '楼长'],
    address: { building: 'b3', room: '101', unit: 2 },
    skills: [{ name: '修电器', level: 4 }],
    phone: '13800000004',
    hours: [10],
  },
  { _id: 'r5', name: '陈明', age: 45, building: 2, nickname: 'mingchen', tags: ['楼长'], address: { building: 'b2', room: '201' } },
  { _id: 'r6', name: '王小红', age: 8, building: 1, nickname: 'xiaohong', address: { building: 'b1', room: '102' } },
  { _id: 'r7', name: '赵磊', age: 29, building: 2, nickname: 'Xrunner', tags: ['志愿者', '跑团'], address: { building: 'b2', room: '203' }, hours: [7] },
  { _id: 'r8', name: '孙阿姨', building: 4, tags: ['志愿者'], hours: [] },
];

/** Source prepended to each function body: the sorted ids a query selects, and its ids in result order. */
const HELPERS = `
  const residents = db.collection('residents');
  const ids = async (where) => (await residents.where(where).get()).data.map((d) => d._id).sort();
  const ordered = async (query) => (await query.get()).data.map((d) => d._id);
`;
const inFunction = (emulator: Emulator, body: string) => runInFunction(emulator, `async ({ db, _ }) => { ${HELPERS} ${body} }`);

export interface QueryTest {
  /** The file's emulator (there from the first test on). */
  readonly emulator: Emulator;
  /** Runs `body` in a hosted function with `db`, `_`, `residents`, `ids(where)` and `ordered(query)` in scope. */
  run(body: string): Promise<any>;
}

export function queryTestSetup(): QueryTest {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startTestEmulator();
    await emulator.db.insert('residents', NEIGHBOURS);
  });
  afterAll(() => emulator.close());
  return {
    get emulator() {
      return emulator;
    },
    run: (body) => inFunction(emulator, body),
  };
}
