/**
 * Just enough protobuf to speak the `wx.openApi` wire format of wx-server-sdk 4.0.2
 * (its bundled `src/protobuf/openapi.js`). Hand-written so the emulator needs no
 * protobuf library; only varint (wire type 0) and length-delimited (wire type 2)
 * fields are produced, and the other wire types are skipped when reading.
 */

/** `CommApiData.ApiType` as the SDK's enum numbers it. */
export const API_TYPE = { OPEN_API: 0, INNER_API: 1, SVRKIT_API: 2, TOKEN_API: 3 } as const;

export interface KeyValuePair {
  key: string;
  /** JSON text for ordinary params; raw bytes when `contentType` is set (media upload). */
  value: Buffer;
  contentType?: string;
  filename?: string;
}

export interface CommApiData {
  apiType: number;
  pairs: KeyValuePair[];
  appid?: string;
}

export interface CommOpenApiResp {
  respData: Buffer;
  contentType: string;
  /** Non-zero makes the SDK throw a generic system error: WeChat's own errcode goes in respData. */
  errorCode?: number;
  httpCode?: number;
}

export class ProtobufError extends Error {}

class Reader {
  pos = 0;
  constructor(
    private readonly buf: Buffer,
    private readonly end = buf.length,
  ) {}

  done(): boolean {
    return this.pos >= this.end;
  }

  /** Varint as a JS number; int32 negatives arrive as 10-byte two's complement, so fold to 32 bits. */
  varint(): number {
    let result = 0n;
    let shift = 0n;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new ProtobufError('truncated varint');
      const byte = this.buf[this.pos++];
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return Number(BigInt.asIntN(64, result));
      shift += 7n;
    }
    throw new ProtobufError('varint longer than 10 bytes');
  }

  int32(): number {
    return Number(BigInt.asIntN(32, BigInt(this.varint())));
  }

  bytes(): Buffer {
    const len = this.varint();
    if (len < 0 || this.pos + len > this.end) throw new ProtobufError('length-delimited field overruns the message');
    const out = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }

  skip(wireType: number): void {
    switch (wireType) {
      case 0:
        this.varint();
        return;
      case 1:
        this.advance(8);
        return;
      case 2:
        this.bytes();
        return;
      case 5:
        this.advance(4);
        return;
      default:
        throw new ProtobufError(`unsupported wire type ${wireType}`);
    }
  }

  private advance(n: number): void {
    if (this.pos + n > this.end) throw new ProtobufError('truncated fixed-width field');
    this.pos += n;
  }

  /** Iterates `(fieldNumber, wireType)` tags until the end of the buffer. */
  *fields(): Generator<[number, number]> {
    while (!this.done()) {
      const tag = this.varint();
      const field = tag >>> 3;
      if (field === 0) throw new ProtobufError('field number 0 is invalid');
      yield [field, tag & 7];
    }
  }
}

function expectWire(actual: number, expected: number, name: string): void {
  if (actual !== expected) throw new ProtobufError(`${name}: wire type ${actual}, expected ${expected}`);
}

function decodeKeyValuePair(buf: Buffer): KeyValuePair {
  const r = new Reader(buf);
  const pair: KeyValuePair = { key: '', value: Buffer.alloc(0) };
  for (const [field, wire] of r.fields()) {
    if (field >= 1 && field <= 4) expectWire(wire, 2, `KeyValuePair.${field}`);
    if (field === 1) pair.key = r.bytes().toString('utf8');
    else if (field === 2) pair.value = Buffer.from(r.bytes());
    else if (field === 3) pair.contentType = r.bytes().toString('utf8');
    else if (field === 4) pair.filename = r.bytes().toString('utf8');
    else r.skip(wire);
  }
  return pair;
}

function decodeOpenApiData(buf: Buffer): KeyValuePair[] {
  const r = new Reader(buf);
  const pairs: KeyValuePair[] = [];
  for (const [field, wire] of r.fields()) {
    if (field === 1) {
      expectWire(wire, 2, 'OpenApiData.pairs');
      pairs.push(decodeKeyValuePair(r.bytes()));
    } else r.skip(wire);
  }
  return pairs;
}

/** Decodes the `requestData` form field. Throws ProtobufError on malformed input. */
export function decodeCommApiData(buf: Buffer): CommApiData {
  const r = new Reader(buf);
  const out: CommApiData = { apiType: API_TYPE.OPEN_API, pairs: [] };
  for (const [field, wire] of r.fields()) {
    if (field === 1) {
      expectWire(wire, 0, 'CommApiData.apiType');
      out.apiType = r.int32();
    } else if (field === 2) {
      expectWire(wire, 2, 'CommApiData.openapiData');
      out.pairs.push(...decodeOpenApiData(r.bytes()));
    } else if (field === 6) {
      expectWire(wire, 2, 'CommApiData.appid');
      out.appid = r.bytes().toString('utf8');
    } else r.skip(wire);
  }
  return out;
}

function encodeVarint(value: number | bigint): Buffer {
  // Negative int32 must be sign-extended to 64 bits, as protobuf does.
  let v = BigInt.asUintN(64, BigInt(value));
  const bytes: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) byte |= 0x80;
    bytes.push(byte);
  } while (v !== 0n);
  return Buffer.from(bytes);
}

function tag(field: number, wireType: number): Buffer {
  return encodeVarint((field << 3) | wireType);
}

function lengthDelimited(field: number, data: Buffer): Buffer {
  return Buffer.concat([tag(field, 2), encodeVarint(data.length), data]);
}

function varintField(field: number, value: number): Buffer {
  return Buffer.concat([tag(field, 0), encodeVarint(value)]);
}

/** Encodes the reply body the SDK decodes with `CommOpenApiResp.decode`. */
export function encodeCommOpenApiResp(resp: CommOpenApiResp): Buffer {
  const parts = [lengthDelimited(1, resp.respData), lengthDelimited(2, Buffer.from(resp.contentType, 'utf8'))];
  if (resp.errorCode) parts.push(varintField(3, resp.errorCode));
  if (resp.httpCode) parts.push(varintField(4, resp.httpCode >>> 0));
  return Buffer.concat(parts);
}

/** Test helper and mirror of the SDK: encodes a request the way wx-server-sdk does. */
export function encodeCommApiData(data: CommApiData): Buffer {
  const pairs = data.pairs.map((p) => {
    const fields = [lengthDelimited(1, Buffer.from(p.key, 'utf8')), lengthDelimited(2, p.value)];
    if (p.contentType !== undefined) fields.push(lengthDelimited(3, Buffer.from(p.contentType, 'utf8')));
    if (p.filename !== undefined) fields.push(lengthDelimited(4, Buffer.from(p.filename, 'utf8')));
    return lengthDelimited(1, Buffer.concat(fields));
  });
  const parts = [varintField(1, data.apiType), lengthDelimited(2, Buffer.concat(pairs))];
  if (data.appid !== undefined) parts.push(lengthDelimited(6, Buffer.from(data.appid, 'utf8')));
  return Buffer.concat(parts);
}

/** Test helper: decodes a reply the way the SDK does. */
export function decodeCommOpenApiResp(buf: Buffer): Required<CommOpenApiResp> {
  const r = new Reader(buf);
  const out = { respData: Buffer.alloc(0), contentType: '', errorCode: 0, httpCode: 0 };
  for (const [field, wire] of r.fields()) {
    if (field === 1) out.respData = Buffer.from(r.bytes());
    else if (field === 2) out.contentType = r.bytes().toString('utf8');
    else if (field === 3) out.errorCode = r.int32();
    else if (field === 4) out.httpCode = r.varint() >>> 0;
    else r.skip(wire);
  }
  return out;
}
