import { LINK_DATA, LINK_DESTROY, LINK_END, LINK_OPEN } from './link';

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
// Connections to the emulator go over workerData.link (see link.ts) instead of loopback TCP: the
// HTTP client, and so every byte the SDK sends and reads, is unchanged.
if (workerData.link) {
  const http = require('node:http');
  const { Duplex } = require('node:stream');
  const { port, host, tcpPort } = workerData.link;
  const sockets = new Map();
  let nextId = 1;
  const post = (message, transfer) => port.postMessage(message, transfer);
  class LinkSocket extends Duplex {
    constructor() {
      super({ allowHalfOpen: false });
      this.id = nextId++;
      this.connecting = false;
      this.remoteAddress = host;
      this.remotePort = tcpPort;
      this.timeout = 0;
      this.idle = null;
      this.peerGone = false;
      sockets.set(this.id, this);
      post([this.id, ${LINK_OPEN}]);
      process.nextTick(() => this.emit('connect'));
    }
    _read() {}
    _write(chunk, _encoding, done) { this.send([chunk]); done(); }
    _writev(chunks, done) { this.send(chunks.map((c) => c.chunk)); done(); }
    _final(done) { post([this.id, ${LINK_END}]); done(); }
    _destroy(error, done) {
      if (this.idle) clearTimeout(this.idle);
      sockets.delete(this.id);
      if (!this.peerGone) post([this.id, ${LINK_DESTROY}]);
      done(error);
    }
    send(chunks) {
      if (this.idle) this.idle.refresh();
      let size = 0;
      for (const c of chunks) size += c.length;
      const bytes = new Uint8Array(size);
      let at = 0;
      for (const c of chunks) { bytes.set(c, at); at += c.length; }
      post([this.id, ${LINK_DATA}, bytes.buffer], [bytes.buffer]);
    }
    setTimeout(ms, onTimeout) {
      if (this.idle) clearTimeout(this.idle);
      this.idle = null;
      this.timeout = ms;
      if (onTimeout && ms > 0) this.once('timeout', onTimeout);
      else if (onTimeout) this.removeListener('timeout', onTimeout);
      if (ms > 0) this.idle = setTimeout(() => this.emit('timeout'), ms).unref();
      return this;
    }
    setNoDelay() { return this; }
    setKeepAlive() { return this; }
    ref() { return this; }
    unref() { return this; }
    address() { return { address: host, family: 'IPv4', port: 0 }; }
  }
  port.on('message', ([id, kind, bytes]) => {
    const socket = sockets.get(id);
    if (!socket) return;
    if (socket.idle) socket.idle.refresh();
    if (kind === ${LINK_DATA}) socket.push(Buffer.from(bytes));
    else if (kind === ${LINK_END}) socket.push(null);
    else if (kind === ${LINK_DESTROY}) { socket.peerGone = true; socket.destroy(); }
  });
  port.unref();
  // Every Agent (the global one, agentkeepalive's) opens its sockets here.
  const connect = http.Agent.prototype.createConnection;
  http.Agent.prototype.createConnection = function (options, ...rest) {
    const to = options.host || options.hostname;
    if (to === host && Number(options.port) === tcpPort) return new LinkSocket();
    return connect.call(this, options, ...rest);
  };
}
// With a code cache, the bundle is compiled as require would (same wrapper, file name and require)
// but from V8's cached code when an earlier instance left some for exactly this source; the first
// instance to run a call without one leaves it, so it holds what that call compiled too.
let saveCodeCache = null;
function load(file, cacheDir) {
  if (!cacheDir) return require(file);
  const fs = require('node:fs');
  const path = require('node:path');
  const vm = require('node:vm');
  const Module = require('node:module');
  const source = fs.readFileSync(file, 'utf8');
  const sha1 = (...parts) => { const h = require('node:crypto').createHash('sha1'); for (const p of parts) h.update(p); return h.digest('hex'); };
  // One file per bundle path, named by what was compiled: a rebuilt bundle's cache replaces the old one.
  const prefix = sha1(file).slice(0, 12) + '-';
  const cacheFile = path.join(cacheDir, prefix + sha1(process.version, source).slice(0, 24) + '.code');
  let cachedData;
  try { cachedData = fs.readFileSync(cacheFile); } catch {}
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const module = new Module(file, null);
  module.filename = file;
  module.paths = Module._nodeModulePaths(path.dirname(file));
  Module._cache[file] = module;
  script.runInThisContext().call(module.exports, module.exports, Module.createRequire(file), module, file, path.dirname(file));
  module.loaded = true;
  if (!cachedData || script.cachedDataRejected) {
    saveCodeCache = () => {
      const tmp = cacheFile + '.' + process.pid + '-' + require('node:worker_threads').threadId;
      try {
        fs.mkdirSync(cacheDir, { recursive: true });
        fs.writeFileSync(tmp, script.createCachedData());
        fs.renameSync(tmp, cacheFile);
        for (const old of fs.readdirSync(cacheDir)) {
          if (old.startsWith(prefix) && old.endsWith('.code') && path.join(cacheDir, old) !== cacheFile) fs.rmSync(path.join(cacheDir, old), { force: true });
        }
      } catch {
        fs.rmSync(tmp, { force: true });
      }
    };
  }
  return module.exports;
}
let entry;
try {
  entry = load(workerData.file, workerData.codeCacheDir);
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
    if (saveCodeCache) setImmediate(saveCodeCache);
    saveCodeCache = null;
  } catch (error) {
    const message = error instanceof Error ? error.stack || error.message : JSON.stringify(error);
    parentPort.postMessage({ type: 'result', id: call.id, ok: false, message: String(message) });
  }
});
`;
