/**
 * The code each function instance runs in its own worker thread. A worker has its own copy of
 * process.env, which is where wx-server-sdk reads the caller's identity (getWXContext) and the admin
 * URL; one worker serves one invocation at a time, so concurrent callers never see each other.
 * It is plain JavaScript evaluated by `new Worker(source, { eval: true })`: no build step needed.
 */
export const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
// A deployed copy of a function resolves its dependencies from the emulator's own install.
if (workerData.nodePath) {
  process.env.NODE_PATH = workerData.nodePath;
  require('node:module')._initPaths();
}
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
