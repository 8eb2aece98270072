import crypto from 'node:crypto';
import path from 'node:path';
import { Doc, StoreError, isDoc } from '../store/types';
import { FileStore, openFileStore } from './files';
import { Auth, OPEN_RULES, StorageRules } from './rules';

/**
 * CloudBase cloud storage as the real SDK uses it (node-sdk's storage module): `/admin` actions for
 * the upload ticket, temporary download URLs and deletion, plus the two HTTP routes the SDK then
 * talks to directly, standing in for COS: the upload PUT and the download GET.
 *
 * - `storage.getUploadMetadata` { path } → { url, token, authorization, fileId, cosFileId }; the
 *   SDK PUTs the bytes to `url` with `authorization`, which must match (one use, 10 minutes).
 * - `storage.batchGetDownloadUrl` { file_list: [{ fileid, max_age }] } → { download_list: [{ fileID,
 *   tempFileURL, code }] }; the URL is signed and expires, like COS's.
 * - `storage.batchDeleteFile` { fileid_list } → { delete_list: [{ fileID, code }] }.
 * fileIDs look like the cloud's: `cloud://<env>.<bucket>/<path>`.
 */
const UPLOAD_TTL_MS = 10 * 60_000;
const DEFAULT_URL_SECONDS = 24 * 3600;

const CONTENT_TYPES: Record<string, string> = {
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.pdf': 'application/pdf',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export type StorageReply = { status: number; headers: Record<string, string>; body: Buffer };

export class Storage {
  /** Like the cloud's `<hex of the env's first two letters>-<env>-<app number>`. */
  readonly bucket: string;
  private readonly files: FileStore;
  private readonly uploads = new Map<string, { path: string; authorization: string; expires: number }>();
  /** Signs download URLs; new at every start, so old temporary URLs die with the process, as they expire in the cloud. */
  private readonly key = crypto.randomBytes(32);
  private baseUrl = '';
  /** Who created each file a client uploaded (kept in memory only; a function's files have none). */
  private readonly owners = new Map<string, string>();

  constructor(
    private readonly envId: string,
    dataDir: string | null,
    private readonly rules: StorageRules = OPEN_RULES,
  ) {
    this.bucket = `${Buffer.from(envId.slice(0, 2)).toString('hex')}-${envId}-1300000000`;
    this.files = openFileStore(dataDir ? path.join(dataDir, 'storage') : null);
  }

  setBaseUrl(url: string): void {
    this.baseUrl = url;
  }

  fileIdOf(cloudPath: string): string {
    return `cloud://${this.envId}.${this.bucket}/${cloudPath}`;
  }

  /** The file's bytes, or null: for tests and tools. */
  read(fileId: string): Promise<Buffer | null> {
    const cloudPath = this.pathOf(fileId);
    return cloudPath ? this.files.get(cloudPath) : Promise.resolve(null);
  }

  /** One `storage.*` action of the `/admin` endpoint; answers what goes under `data`. */
  async action(action: string, body: Doc): Promise<unknown> {
    switch (action) {
      case 'storage.getUploadMetadata':
        return this.uploadTicket(body.path);
      case 'storage.batchGetDownloadUrl':
        return { download_list: await Promise.all(list(body.file_list, 'file_list').map((item) => this.downloadUrl(item))) };
      case 'storage.batchDeleteFile':
        return { delete_list: await Promise.all(list(body.fileid_list, 'fileid_list').map((fileId) => this.delete(fileId))) };
      default:
        throw new StoreError('INVALID_PARAM', `不支持的操作：${action}`);
    }
  }

  /** The SDK's PUT of a file's bytes to the URL its upload ticket named. Success is an empty body, as with COS. */
  async receiveUpload(uploadId: string, authorization: string | undefined, content: Buffer): Promise<StorageReply> {
    const ticket = this.uploads.get(uploadId);
    if (!ticket || ticket.expires < Date.now() || ticket.authorization !== authorization) {
      return cosError(403, 'SignatureDoesNotMatch', 'The upload ticket is unknown, used or expired, or its authorization does not match');
    }
    this.uploads.delete(uploadId);
    await this.files.put(ticket.path, content);
    return { status: 200, headers: { etag: `"${crypto.createHash('md5').update(content).digest('hex')}"` }, body: Buffer.alloc(0) };
  }

  /** A GET (or HEAD) of a temporary download URL. */
  async serveDownload(encodedPath: string, query: URLSearchParams): Promise<StorageReply> {
    let cloudPath: string;
    try {
      cloudPath = decodeURIComponent(encodedPath);
    } catch {
      return cosError(400, 'InvalidURI', 'The path is not valid percent-encoding');
    }
    const expires = Number(query.get('t'));
    if (!Number.isInteger(expires) || query.get('sign') !== this.sign(cloudPath, expires)) return cosError(403, 'AccessDenied', 'Request has invalid signature');
    if (expires * 1000 < Date.now()) return cosError(403, 'AccessDenied', 'Request has expired');
    return this.fileReply(cloudPath);
  }

  /**
   * The mini-program's local mode, where `wx.uploadFile` to the emulator stands in for
   * `wx.cloud.uploadFile`: stores the bytes at `cloudPath` and answers the fileID, as the cloud does.
   */
  async store(rawPath: unknown, content: Buffer, auth: Auth = null): Promise<string> {
    const cloudPath = checkedPath(rawPath);
    if (auth && !this.rules.allows('write', auth, { path: cloudPath, openid: this.owners.get(cloudPath) ?? auth.openid })) {
      throw new StoreError('STORAGE_PERMISSION_DENIED', '没有权限写入这个文件');
    }
    await this.files.put(cloudPath, content);
    if (auth) this.owners.set(cloudPath, this.owners.get(cloudPath) ?? auth.openid);
    return this.fileIdOf(cloudPath);
  }

  /**
   * A GET of one of this environment's files by fileID, for the mini-program's local mode: in the
   * cloud `<image src>` takes a fileID itself; against the emulator it needs an HTTP URL.
   */
  async serveFile(fileId: string, auth: Auth = null): Promise<StorageReply> {
    const cloudPath = this.pathOf(fileId);
    if (!cloudPath) return cosError(404, 'NoSuchKey', 'The specified key does not exist.');
    // A client's read: the bucket's security rule decides (storage.rules.json).
    if (!this.rules.allows('read', auth, { path: cloudPath, openid: this.owners.get(cloudPath) ?? '' })) {
      return cosError(403, 'AccessDenied', 'Access Denied by the storage security rule');
    }
    return this.fileReply(cloudPath);
  }

  private async fileReply(cloudPath: string): Promise<StorageReply> {
    const content = await this.files.get(cloudPath);
    if (!content) return cosError(404, 'NoSuchKey', 'The specified key does not exist.');
    const type = CONTENT_TYPES[path.extname(cloudPath).toLowerCase()] ?? 'application/octet-stream';
    return { status: 200, headers: { 'content-type': type, 'content-length': String(content.length) }, body: content };
  }

  private uploadTicket(rawPath: unknown): Doc {
    const cloudPath = checkedPath(rawPath);
    const uploadId = crypto.randomBytes(16).toString('hex');
    const authorization = `q-sign-algorithm=sha1&q-signature=${crypto.randomBytes(20).toString('hex')}`;
    this.uploads.set(uploadId, { path: cloudPath, authorization, expires: Date.now() + UPLOAD_TTL_MS });
    for (const [id, ticket] of this.uploads) if (ticket.expires < Date.now()) this.uploads.delete(id);
    const fileId = this.fileIdOf(cloudPath);
    return {
      url: `${this.baseUrl}/storage/upload/${uploadId}`,
      token: crypto.randomBytes(16).toString('hex'),
      authorization,
      fileId,
      cosFileId: `local-${uploadId}`,
      download_url: `${this.baseUrl}/storage/download/${cloudPath}`,
    };
  }

  private async downloadUrl(item: unknown): Promise<Doc> {
    const fileId = isDoc(item) ? item.fileid : item;
    const maxAge = isDoc(item) && typeof item.max_age === 'number' && item.max_age > 0 ? item.max_age : DEFAULT_URL_SECONDS;
    const cloudPath = this.pathOf(fileId);
    if (!cloudPath || !(await this.files.get(cloudPath))) {
      return { fileID: String(fileId), tempFileURL: '', code: 'STORAGE_FILE_NONEXIST', message: '文件不存在' };
    }
    const expires = Math.floor(Date.now() / 1000) + Math.floor(maxAge);
    // Not percent-encoded, like the cloud's: the SDK encodes the URL itself before fetching it.
    const tempFileURL = `${this.baseUrl}/storage/download/${cloudPath}?t=${expires}&sign=${this.sign(cloudPath, expires)}`;
    return { fileID: String(fileId), tempFileURL, maxAge, code: 'SUCCESS' };
  }

  private async delete(fileId: unknown): Promise<Doc> {
    const cloudPath = this.pathOf(fileId);
    const deleted = cloudPath ? await this.files.remove(cloudPath) : false;
    if (cloudPath) this.owners.delete(cloudPath);
    return deleted ? { fileID: String(fileId), code: 'SUCCESS' } : { fileID: String(fileId), code: 'STORAGE_FILE_NONEXIST', message: '文件不存在' };
  }

  /** The path of one of this environment's fileIDs; null for anything else. */
  private pathOf(fileId: unknown): string | null {
    const prefix = `cloud://${this.envId}.${this.bucket}/`;
    if (typeof fileId !== 'string' || !fileId.startsWith(prefix)) return null;
    try {
      return checkedPath(fileId.slice(prefix.length));
    } catch {
      return null;
    }
  }

  private sign(cloudPath: string, expires: number): string {
    return crypto.createHmac('sha256', this.key).update(`${cloudPath}\n${expires}`).digest('hex').slice(0, 32);
  }
}

/**
 * A cloud path as the emulator accepts it: relative, no empty or dot segments (they would escape the
 * data folder), and none of `% ? # \` (which would not survive the round trip through a URL).
 */
function checkedPath(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || Buffer.byteLength(value) > 850) throw new StoreError('INVALID_PARAM', '文件路径不能为空，也不能超过 850 字节');
  // Control characters are refused in a cloud path, so the pattern names them on purpose.
  // eslint-disable-next-line no-control-regex
  if (/[%?#\\\u0000-\u001f]/.test(value) || value.split('/').some((s) => s === '' || s === '.' || s === '..')) {
    throw new StoreError('INVALID_PARAM', `文件路径不合法：${value.slice(0, 100)}`);
  }
  return value;
}

function list(value: unknown, name: string): unknown[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > 50) throw new StoreError('INVALID_PARAM', `${name} 应为 1 到 50 项的数组`);
  return value;
}

/** COS answers failures with an XML body; the SDK reads Code, Message, RequestId and TraceId from it. */
function cosError(status: number, code: string, message: string): StorageReply {
  const id = crypto.randomBytes(8).toString('hex');
  const xml = `<?xml version='1.0' encoding='utf-8' ?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>${id}</RequestId><TraceId>${id}</TraceId></Error>`;
  return { status, headers: { 'content-type': 'application/xml' }, body: Buffer.from(xml, 'utf8') };
}
