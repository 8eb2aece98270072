/**
 * multipart/form-data parsing for `wx.openApi` posts.
 *
 * node-sdk posts with the `form-data` package: text fields (`action`, `apiName`,
 * `envName`, `wxCloudApiToken`, `wxCloudbaseAccesstoken`, `tcb_sessionToken`,
 * `crossAuthorizationToken`) and `requestData`, a Buffer that form-data sends as a
 * part with `Content-Type: application/octet-stream` and no filename. busboy 1.6
 * treats such a part as a file, so it comes through the 'file' event intact; text
 * fields must not be used for binary data because busboy decodes them as UTF-8.
 */
import busboy from 'busboy';
import type { IncomingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';

export interface MultipartForm {
  /** Text parts as strings; binary parts (file or octet-stream) as Buffers. */
  fields: Record<string, string | Buffer>;
}

export interface MultipartLimits {
  /** Largest binary part, in bytes. Media uploads (imgSecCheck) can be a few MB. */
  fileSize?: number;
  fieldSize?: number;
}

const DEFAULT_LIMITS: Required<MultipartLimits> = { fileSize: 10 * 1024 * 1024, fieldSize: 1024 * 1024 };

export function isMultipart(contentType: string | undefined): boolean {
  return typeof contentType === 'string' && /^multipart\/form-data\b/i.test(contentType);
}

/**
 * Parses a multipart body. `body` may be the request stream itself or a Buffer
 * already read. Rejects when a part is over the limits rather than truncating it,
 * because a cut protobuf would decode into something wrong instead of failing.
 */
export function parseMultipart(body: Buffer | NodeJS.ReadableStream, contentType: string, limits: MultipartLimits = {}): Promise<MultipartForm> {
  const lim = { ...DEFAULT_LIMITS, ...limits };
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      const headers: IncomingHttpHeaders = { 'content-type': contentType };
      bb = busboy({ headers, limits: { fileSize: lim.fileSize, fieldSize: lim.fieldSize } });
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
      return;
    }
    const fields: Record<string, string | Buffer> = {};
    let failed = false;
    const fail = (err: Error): void => {
      if (failed) return;
      failed = true;
      reject(err);
    };

    bb.on('field', (name, value, info) => {
      if (info.valueTruncated) fail(new Error(`multipart field "${name}" is larger than ${lim.fieldSize} bytes`));
      else fields[name] = value;
    });
    bb.on('file', (name, stream) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => fail(new Error(`multipart part "${name}" is larger than ${lim.fileSize} bytes`)));
      stream.on('end', () => {
        fields[name] = Buffer.concat(chunks);
      });
    });
    bb.on('error', (err: unknown) => fail(err instanceof Error ? err : new Error(String(err))));
    bb.on('close', () => {
      if (!failed) resolve({ fields });
    });

    const source = Buffer.isBuffer(body) ? Readable.from([body]) : body;
    source.on('error', (err: Error) => fail(err));
    source.pipe(bb);
  });
}
