/**
 * The instances' connection to the emulator without TCP. An instance's HTTP client still writes
 * the SDK's exact request bytes and parses the exact reply bytes; only the carrier differs: each
 * connection is a stream over the worker's MessagePort, handed to the emulator's HTTP server as if
 * it had been accepted (`server.emit('connection', stream)`). Loopback TCP costs both threads a
 * connect, a writev and a read per request, besides the kernel's work. Each message is
 * `[connection id, kind, bytes?]`; the worker's side is in worker-source.ts (plain JavaScript).
 */
import { Duplex } from 'node:stream';
// Node's own timers, not the global ones: page tests run the emulator where the globals are a
// browser's (their setTimeout answers a number, with no unref or refresh).
import { clearTimeout, setTimeout } from 'node:timers';
import type { MessagePort } from 'node:worker_threads';

export const LINK_OPEN = 0;
export const LINK_DATA = 1;
export const LINK_END = 2;
export const LINK_DESTROY = 3;

type LinkMessage = [id: number, kind: number, bytes?: ArrayBuffer];

/** One connection as the HTTP server sees it: what http needs of a net.Socket, over the port. */
class LinkSocket extends Duplex {
  readonly remoteAddress = '127.0.0.1';
  readonly remoteFamily = 'IPv4';
  readonly localAddress = '127.0.0.1';
  readonly encrypted = false;
  timeout = 0;
  private idle: NodeJS.Timeout | null = null;

  constructor(
    private port: MessagePort,
    readonly id: number,
    private forget: (id: number) => void,
  ) {
    super({ allowHalfOpen: false });
  }

  /** Bytes from the instance. */
  receive(bytes: ArrayBuffer): void {
    this.idle?.refresh();
    this.push(Buffer.from(bytes));
  }

  override _read(): void {
    // Bytes are pushed as they arrive; an HTTP exchange is small enough not to need backpressure.
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.send([chunk]);
    done();
  }

  override _writev(chunks: { chunk: Buffer }[], done: (error?: Error | null) => void): void {
    this.send(chunks.map((c) => c.chunk));
    done();
  }

  override _final(done: (error?: Error | null) => void): void {
    this.post([this.id, LINK_END]);
    done();
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    if (this.idle) clearTimeout(this.idle);
    this.forget(this.id);
    this.post([this.id, LINK_DESTROY]);
    done(error);
  }

  /** The peer went away: no message back. */
  dropped(): void {
    this.port = null as unknown as MessagePort;
    this.destroy();
  }

  setTimeout(ms: number, onTimeout?: () => void): this {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    this.timeout = ms;
    // As net.Socket: a callback is a one-off listener, taken back by a timeout of 0.
    if (onTimeout && ms > 0) this.once('timeout', onTimeout);
    else if (onTimeout) this.removeListener('timeout', onTimeout);
    if (ms > 0) this.idle = setTimeout(() => this.emit('timeout'), ms).unref();
    return this;
  }

  setNoDelay(): this {
    return this;
  }
  setKeepAlive(): this {
    return this;
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
  address(): { address: string; family: string; port: number } {
    return { address: '127.0.0.1', family: 'IPv4', port: 0 };
  }

  private send(chunks: Buffer[]): void {
    this.idle?.refresh();
    // A fresh buffer of exactly these bytes, moved (not copied) to the other thread: a Buffer is often
    // a view of a larger pool, which structured cloning would copy whole.
    const size = chunks.reduce((n, c) => n + c.length, 0);
    const bytes = new Uint8Array(size);
    let at = 0;
    for (const c of chunks) {
      bytes.set(c, at);
      at += c.length;
    }
    this.post([this.id, LINK_DATA, bytes.buffer], [bytes.buffer]);
  }

  private post(message: LinkMessage, transfer?: ArrayBuffer[]): void {
    if (this.port) this.port.postMessage(message, transfer);
  }
}

/**
 * Serves the connections an instance opens over `port`: each is handed to `accept` (the HTTP
 * server's `emit('connection', …)`). Answers a function that drops them all when the instance ends.
 */
export function serveLink(port: MessagePort, accept: (socket: Duplex) => void): () => void {
  const sockets = new Map<number, LinkSocket>();
  const forget = (id: number) => sockets.delete(id);
  port.on('message', ([id, kind, bytes]: LinkMessage) => {
    if (kind === LINK_OPEN) {
      const socket = new LinkSocket(port, id, forget);
      sockets.set(id, socket);
      accept(socket);
      return;
    }
    const socket = sockets.get(id);
    if (!socket) return;
    if (kind === LINK_DATA && bytes) socket.receive(bytes);
    else if (kind === LINK_END) socket.push(null);
    else if (kind === LINK_DESTROY) socket.dropped();
  });
  port.unref();
  return () => {
    for (const socket of [...sockets.values()]) socket.dropped();
    port.close();
  };
}
