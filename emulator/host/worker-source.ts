/**
 * The code each function instance runs in its own worker thread. A worker has its own copy of
 * process.env, which is where wx-server-sdk reads the caller's identity (getWXContext) and the admin
 * URL; one worker serves one invocation at a time, so concurrent callers never see each other.
 * It is plain JavaScript evaluated by `new Worker(source, { eval: true })`: no build step needed.
 * The host may run the functions' clock ahead of the real one (FunctionHost.setClock): Date is
 * replaced, before the function loads, by one that reads the real time plus the call's offset.
 */
export const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
// A deployed copy of a function resolves its dependencies from the emulator's own install.
if (workerData.nodePath) {
  process.env.NODE_PATH = workerData.nodePath;
  require('node:module')._initPaths();
}
const RealDate = Date;
let clockOffsetMs = 0;
class ClockDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(RealDate.now() + clockOffsetMs);
    else super(...args);
  }
  static now() {
    return RealDate.now() + clockOffsetMs;
  }
}
globalThis.Date = ClockDate;
let entry;
try {
  entry = require(workerData.file);
  parentPort.postMessage({ type: 'ready' });
} catch (error) {
  parentPort.postMessage({ type: 'ready', error: String((error && error.stack) || error) });
}
parentPort.on('message', async (call) => {
  for (const key of workerData.contextKeys) delete process.env[key];
  Object.assign(process.env, call.env);
  clockOffsetMs = call.clockOffsetMs || 0;
  try {
    if (!entry || typeof entry.main !== 'function') throw new Error('函数入口没有导出 main');
    const result = await entry.main(call.event, call.context);
    parentPort.postMessage({ type: 'result', id: call.id, ok: true, json: JSON.stringify(result === undefined ? null : result) });
  } catch (error) {
    const message = error instanceof Error ? error.stack || error.message : JSON.stringify(error);
    parentPort.postMessage({ type: 'result', id: call.id, ok: false, message: String(message) });
  }
});
`;
