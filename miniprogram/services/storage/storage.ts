/**
 * Pictures in cloud storage. In cloud mode `wx.cloud.uploadFile` stores a chosen picture and answers
 * its fileID, and `<image src>` and `wx.previewImage` take fileIDs as they are. In local mode the
 * emulator stands in for cloud storage: `wx.uploadFile` posts the picture to its `/emulator/upload`
 * (which answers a fileID of the same shape, so the functions accept it), and pictures are shown
 * from its `/emulator/file?id=<fileID>`. Nothing here throws: a failed upload is an error value.
 */
import { Result, fileIdSchema } from '../../generated/domain';
import { apiTarget } from '../api/config';
import { ensurePrivacyAgreed } from '../privacy/privacy';

/** A picture of a few MB on a slow network. */
export const UPLOAD_TIMEOUT_MS = 60000;
/** As many pictures as a post or notice takes (the contract's imagesSchema). */
export const MAX_IMAGES = 9;
export const UPLOAD_FAILED = '图片上传失败，请检查网络后重试';
export const SOME_UPLOADS_FAILED = '有图片没能上传，请检查网络后再点发布';
export const ALBUM_FAILED = '没能打开相册，请稍后重试';

const failure = (message: string) => ({ ok: false as const, error: { code: 'UNAVAILABLE' as const, message } });

/** Where a picture goes: `circle/<yyyymmdd>/<random>.<ext>` (the extension of the chosen file, else .jpg). */
export function cloudPathFor(filePath: string, folder = 'circle', now = new Date()): string {
  const ext = /\.(png|jpe?g|gif|webp)$/i.exec(filePath);
  const day = now.toISOString().slice(0, 10).replace(/-/g, '');
  const random = `${now.getTime().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
  return `${folder}/${day}/${random}.${ext ? ext[1].toLowerCase() : 'jpg'}`;
}

/** The fileID a successful answer names, or null. */
function fileIdIn(value: unknown): string | null {
  const parsed = fileIdSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

function viaCloud(filePath: string, cloudPath: string): Promise<string | null> {
  return new Promise((resolve) => {
    try {
      wx.cloud.uploadFile({
        cloudPath,
        filePath,
        success: (res) => resolve(fileIdIn(res.fileID)),
        fail: () => resolve(null),
      });
    } catch {
      resolve(null);
    }
  });
}

function viaLocal(baseUrl: string, filePath: string, cloudPath: string): Promise<string | null> {
  return new Promise((resolve) => {
    try {
      wx.uploadFile({
        url: `${baseUrl}/emulator/upload`,
        filePath,
        name: 'file',
        formData: { cloudPath },
        timeout: UPLOAD_TIMEOUT_MS,
        success: (res) => {
          if (res.statusCode !== 200) return resolve(null);
          try {
            const body: unknown = JSON.parse(res.data);
            resolve(typeof body === 'object' && body !== null && 'fileID' in body ? fileIdIn(body.fileID) : null);
          } catch {
            resolve(null);
          }
        },
        fail: () => resolve(null),
      });
    } catch {
      resolve(null);
    }
  });
}

/** Uploads one chosen picture (a temporary file path from wx.chooseMedia); answers its fileID. */
export async function uploadImage(filePath: string, folder = 'circle'): Promise<Result<string>> {
  const target = await apiTarget();
  const cloudPath = cloudPathFor(filePath, folder);
  const fileId = target.mode === 'cloud' ? await viaCloud(filePath, cloudPath) : await viaLocal(target.baseUrl, filePath, cloudPath);
  return fileId ? { ok: true, data: fileId } : failure(UPLOAD_FAILED);
}

/** What `<image src>` and `wx.previewImage` take for these fileIDs, in the same order. */
export async function imageUrls(fileIds: readonly string[]): Promise<string[]> {
  if (fileIds.length === 0) return [];
  const target = await apiTarget();
  if (target.mode === 'cloud') return [...fileIds];
  return fileIds.map((id) => `${target.baseUrl}/emulator/file?id=${encodeURIComponent(id)}`);
}

/** What choosing pictures came to: their temporary paths, or why there are none. */
export type Chosen = { ok: true; paths: string[] } | { ok: false; reason: 'declined' | 'cancelled' | 'failed' };

/** Up to `count` pictures from the album or camera, asked only after the privacy agreement. */
export async function chooseImages(count: number): Promise<Chosen> {
  if (!(await ensurePrivacyAgreed())) return { ok: false, reason: 'declined' };
  return new Promise((resolve) => {
    wx.chooseMedia({
      count,
      mediaType: ['image'],
      sizeType: ['compressed'],
      sourceType: ['album', 'camera'],
      success: (res) => resolve({ ok: true, paths: res.tempFiles.map((f) => f.tempFilePath).filter(Boolean) }),
      // Closing the album is not an error.
      fail: (err) => resolve({ ok: false, reason: /cancel/i.test(err.errMsg) ? 'cancelled' : 'failed' }),
    });
  });
}

/**
 * Uploads a form's pictures on 发布, remembering each one's fileID by temporary path, so that a
 * retry after a failure uploads only those not stored yet. `forget()` once the form is sent.
 */
export function imageUploader(folder: string) {
  let uploaded = new Map<string, string>();
  return {
    /** The fileIDs of `paths` in order, or the error when one of them could not be uploaded. */
    async upload(paths: readonly string[]): Promise<Result<string[]>> {
      const ids = await Promise.all(
        paths.map(async (path) => {
          const known = uploaded.get(path);
          if (known) return known;
          const up = await uploadImage(path, folder);
          if (!up.ok) return null;
          uploaded.set(path, up.data);
          return up.data;
        }),
      );
      const fileIds = ids.filter((id): id is string => id !== null);
      return fileIds.length === paths.length ? { ok: true, data: fileIds } : failure(SOME_UPLOADS_FAILED);
    },
    forget() {
      uploaded = new Map();
    },
  };
}

export type ImageUploader = ReturnType<typeof imageUploader>;
