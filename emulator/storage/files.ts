import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Where stored files' bytes live: a folder (durable) or memory (tests). Paths are already checked. */
export interface FileStore {
  get(cloudPath: string): Promise<Buffer | null>;
  put(cloudPath: string, content: Buffer): Promise<void>;
  remove(cloudPath: string): Promise<boolean>;
}

export function openFileStore(dir: string | null): FileStore {
  return dir ? folderStore(dir) : memoryStore();
}

function memoryStore(): FileStore {
  const files = new Map<string, Buffer>();
  return {
    get: async (cloudPath) => files.get(cloudPath) ?? null,
    put: async (cloudPath, content) => void files.set(cloudPath, Buffer.from(content)),
    remove: async (cloudPath) => files.delete(cloudPath),
  };
}

/** One file per cloud path under `dir`; an upload is acknowledged once its bytes are fsynced and renamed into place. */
function folderStore(dir: string): FileStore {
  const root = path.resolve(dir);
  const fileOf = (cloudPath: string) => {
    const file = path.resolve(root, ...cloudPath.split('/'));
    // Checked paths cannot leave the folder; this is the belt to that pair of braces.
    if (!file.startsWith(root + path.sep)) throw new Error(`storage path escapes the data folder: ${cloudPath}`);
    return file;
  };
  return {
    async get(cloudPath) {
      try {
        return await fs.promises.readFile(fileOf(cloudPath));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'EISDIR') return null;
        throw error;
      }
    },
    async put(cloudPath, content) {
      const file = fileOf(cloudPath);
      await fs.promises.mkdir(path.dirname(file), { recursive: true });
      const temp = `${file}.${crypto.randomBytes(6).toString('hex')}.uploading`;
      const handle = await fs.promises.open(temp, 'w');
      try {
        await handle.writeFile(content);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.promises.rename(temp, file);
    },
    async remove(cloudPath) {
      try {
        await fs.promises.unlink(fileOf(cloudPath));
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
        throw error;
      }
    },
  };
}
