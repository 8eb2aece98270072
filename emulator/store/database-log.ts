import { Journal, JournalState } from './journal';
import { Doc } from './types';
import { Change } from './write-plans';
import { decodeEJSON, encodeEJSON } from '../wire/ejson';

/** Journal size after which the store writes a fresh snapshot. */
const COMPACT_BYTES = 16 * 1024 * 1024;

export interface JournalRecord {
  seq: number;
  changes?: Change[];
  created?: string[];
}
export interface Snapshot {
  seq: number;
  collections: { name: string; docs: Doc[] }[];
}

/**
 * The database's durable log: the record each commit journals, the snapshot compaction writes, and
 * when compaction runs. It is handed snapshots; it knows nothing of collections or indexes.
 */
export class DatabaseLog {
  private compacting: Promise<void> | null = null;

  private constructor(
    private journal: Journal<Snapshot, JournalRecord>,
    private takeSnapshot: () => Snapshot,
  ) {}

  /** Opens the log in `dataDir`; `state` is what was on disk, for the database to load and replay. */
  static open(dataDir: string, takeSnapshot: () => Snapshot): { log: DatabaseLog; state: JournalState<Snapshot, JournalRecord> } {
    const { journal, state } = Journal.open<Snapshot, JournalRecord>(dataDir, encodeEJSON, (line) => decodeEJSON(line));
    return { log: new DatabaseLog(journal, takeSnapshot), state };
  }

  /** Resolves when the record is durable; once the journal has grown, compacts in the background. */
  async append(record: JournalRecord): Promise<void> {
    await this.journal.append(record);
    if (this.journal.bytesSinceCompaction > COMPACT_BYTES && !this.compacting) {
      this.compacting = this.compact().finally(() => (this.compacting = null));
    }
  }

  async compact(): Promise<void> {
    await this.journal.compact(this.takeSnapshot);
  }

  /** Lets a background compaction finish, writes a last snapshot and closes the journal. */
  async close(): Promise<void> {
    await this.compacting;
    await this.compact();
    this.journal.close();
  }
}
