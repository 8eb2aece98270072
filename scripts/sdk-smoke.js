// The real wx-server-sdk against a running local server, as any Node program can use it:
//   npm start            (in one terminal)
//   node scripts/sdk-smoke.js write   then, even after killing and restarting the server,
//   node scripts/sdk-smoke.js verify
//   node scripts/sdk-smoke.js call <function> <action>   calls a hosted (or deployed) function
// YOULIN_URL picks another server (default http://127.0.0.1:8787).
const base = process.env.YOULIN_URL || 'http://127.0.0.1:8787';
// What the SDK needs to talk to a local endpoint; the secrets only have to be non-empty.
process.env.TCB_CONTEXT_CNFG = JSON.stringify({ URL: `${base}/admin` });
process.env.TENCENTCLOUD_SECRETID = process.env.TENCENTCLOUD_SECRETID || 'local';
process.env.TENCENTCLOUD_SECRETKEY = process.env.TENCENTCLOUD_SECRETKEY || 'local';
process.env.SCF_NAMESPACE = process.env.SCF_NAMESPACE || 'youlin-local';
process.env.SILENCE = 'true';
// Skips node-sdk's probe of the cloud metadata host, which otherwise costs ~60 ms per request offline.
process.env.TENCENTCLOUD_RUNENV = process.env.TENCENTCLOUD_RUNENV || 'SCF';
process.env.TENCENTCLOUD_REGION = process.env.TENCENTCLOUD_REGION || 'ap-shanghai';

const cloud = require('wx-server-sdk');
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
const db = cloud.database();
const _ = db.command;
const $ = db.command.aggregate;
const COLLECTION = 'sdk_smoke';

async function write() {
  await db.createCollection(COLLECTION).catch(() => undefined);
  await db
    .collection(COLLECTION)
    .where({ kind: _.exists(true) })
    .remove();
  for (const [i, building] of ['1号楼', '2号楼', '1号楼'].entries()) {
    await db.collection(COLLECTION).add({ data: { _id: `v${i}`, kind: 'volunteer', building, hours: i * 2, tags: ['垃圾分类'], joinedAt: db.serverDate() } });
  }
  await db
    .collection(COLLECTION)
    .doc('v1')
    .update({ data: { hours: _.inc(3), tags: _.push(['助老']) } });
  await db.runTransaction(async (tx) => {
    const { data } = await tx.collection(COLLECTION).doc('v0').get();
    await tx
      .collection(COLLECTION)
      .doc('v0')
      .update({ data: { hours: data.hours + 1 } });
  });
  return summary();
}

async function summary() {
  const busy = await db
    .collection(COLLECTION)
    .where({ hours: _.gte(2), tags: '垃圾分类' })
    .orderBy('hours', 'desc')
    .get();
  const byBuilding = await db
    .collection(COLLECTION)
    .aggregate()
    .group({ _id: '$building', hours: $.sum('$hours') })
    .sort({ _id: 1 })
    .end();
  return { busy: busy.data.map((d) => [d._id, d.hours, d.tags]), byBuilding: byBuilding.list };
}

async function call(name, action) {
  const { result } = await cloud.callFunction({ name, data: { action } });
  return result;
}

const mode = process.argv[2] || 'write';
(mode === 'verify' ? summary() : mode === 'call' ? call(process.argv[3], process.argv[4]) : write())
  .then((result) => {
    console.log(JSON.stringify(result));
    // The SDK keeps sockets and timers alive; a script is done when it has printed.
    process.exit(0);
  })
  .catch((error) => {
    console.error(error && (error.errMsg || error.message || error));
    process.exit(1);
  });
