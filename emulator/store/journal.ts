import fs from 'node:fs';
import path from 'node:path';

/**
 * Durability for the emulator: a snapshot file plus an append-only journal of committed changes.
 * A write is acknowledged only after its journal line is fsynced; many writes waiting at once share
 * one fsync (group commit). Compaction writes a new snapshot atomically (tmp + fsync + rename) and
 * starts an empty journal; records carry a sequence number so a journal left over from a crash
 * between those two steps is replayed idempotently.
 */
export interface JournalState<S, R> {
  snapshot: S | null;
  /** Records newer than the snapshot, in commit order. */
  records: R[];
}

const SNAPSHOT = 'snapshot.json';
const JOURNAL = 'journal.log';

export class Journal<S extends { seq: number }, R extends { seq: number }> {
  private fd: number;
  private pending: { line: string; resolve: () => void; reject: (e: Error) => void }[] = [];
  private flushing: Promise<void> | null = null;
  bytesSinceCompaction = 0;

  private constructor(
    readonly dir: string,
    private encode: (value: unknown) => string,
  ) {
    this.fd = fs.openSync(path.join(dir, JOURNAL), 'a');
  }

  static open<S extends { seq: number }, R extends { seq: number }>(
    dir: string,
    encode: (value: unknown) => string,
    decode: (line: string) => unknown,
  ): { journal: Journal<S, R>; state: JournalState<S, R> } {
    fs.mkdirSync(dir, { recursive: true });
    const snapshotFile = path.join(dir, SNAPSHOT);
    const snapshot = fs.existsSync(snapshotFile) ? (decode(fs.readFileSync(snapshotFile, 'utf8')) as S) : null;
    const records: R[] = [];
    const journalFile = path.join(dir, JOURNAL);
    if (fs.existsSync(journalFile)) {
      const lines = fs.readFileSync(journalFile, 'utf8').split('\n');
      for (const [i, line] of lines.entries()) {
        if (!line) continue;
        try {
          const record = decode(line) as R;
          if (!snapshot || record.seq > snapshot.seq) records.push(record);
        } catch (error) {
          // Only the last line can be torn by a crash mid-append; it was never acknowledged.
          if (i < lines.length - 2) throw new Error(`journal line ${i + 1} is corrupt: ${(error as Error).message}`);
        }
      }
    }
    const journal = new Journal<S, R>(dir, encode);
    journal.bytesSinceCompaction = fs.statSync(journalFile).size;
    return { journal, state: { snapshot, records } };
  }

  /** Resolves once the record is on disk. */
  append(record: R): Promise<void> {
    const line = this.encode(record) + '\n';
    return new Promise((resolve, reject) => {
      this.pending.push({ line, resolve, reject });
      this.bytesSinceCompaction += Buffer.byteLength(line);
      if (!this.flushing) this.flushing = this.flushLoop();
    });
  }

  private async flushLoop(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, this.pending.length);
      try {
        await writeAll(this.fd, batch.map((p) => p.line).join(''));
        await new Promise<void>((res, rej) => fs.fdatasync(this.fd, (e) => (e ? rej(e) : res())));
        for (const p of batch) p.resolve();
      } catch (error) {
        for (const p of batch) p.reject(error as Error);
      }
    }
    this.flushing = null;
  }

  /** Waits for every appended record to be durable. */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  /** Replaces snapshot + journal with one snapshot of the state at the moment the journal is drained. */
  async compact(takeSnapshot: () => S): Promise<void> {
    await this.drain();
    // From here to the truncation nothing awaits, so no record can slip in between snapshot and truncate.
    const snapshot = takeSnapshot();
    const tmp = path.join(this.dir, `${SNAPSHOT}.tmp`);
    const fd = fs.openSync(tmp, 'w');
    try {
      fs.writeSync(fd, this.encode(snapshot));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, path.join(this.dir, SNAPSHOT));
    fsyncDir(this.dir);
    fs.ftruncateSync(this.fd, 0);
    fs.fsyncSync(this.fd);
    this.bytesSinceCompaction = 0;
  }

  close(): void {
    fs.closeSync(this.fd);
  }
}

function writeAll(fd: number, text: string): Promise<void> {
  const buffer = Buffer.from(text);
  return new Promise((resolve, reject) => {
    const step = (offset: number): void => {
      fs.write(fd, buffer, offset, buffer.length - offset, null, (error, written) => {
        if (error) return reject(error);
        if (offset + written < buffer.length) step(offset + written);
        else resolve();
      });
    };
    step(0);
  });
}

function fsyncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
  } catch {
    // Some filesystems refuse fsync on a directory; the rename is still atomic there.
  }
}
