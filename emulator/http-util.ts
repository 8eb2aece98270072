import http from 'node:http';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Reads a request body, refusing more than `limit` bytes with 413 rather than buffering without bound. */
export function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // Past the limit the rest is read and dropped, so the client still gets the 413 answer.
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size > limit * 8) req.destroy();
    });
    req.on('end', () => (size > limit ? reject(new HttpError(413, 'PAYLOAD_TOO_LARGE', `请求体超过 ${Math.round(limit / 1024)} KB 上限`)) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

export function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8') || 'null');
  } catch {
    throw new HttpError(400, 'INVALID_JSON', '请求体不是合法的 JSON');
  }
}

export function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  sendJsonText(res, status, JSON.stringify(value));
}

/** Sends JSON already serialised (a function's answer as it came from its instance). */
export function sendJsonText(res: http.ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
