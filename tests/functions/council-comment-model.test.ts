import fc from 'fast-check';
import { Emulator } from '../../emulator/app';
import { call, startApp } from '../helpers/app';
import { expectAgrees, modelRuns } from './model-check';
import { COMMITTEE, addBody, addHouseholds, proposeTopic } from './council-fixtures';

/**
 * Comments on a topic and the committee's hiding, against a reference model: random comments by
 * three neighbours (ordinary text, text the content check sends to review, risky text it refuses),
 * the committee hiding and publishing them (sometimes again), and the topic leaving discussion.
 * After every step each person's page of comments must be what the model says:
 * - risky text is refused and never stored; doubtful text waits, seen by its author and the committee;
 * - a hidden comment is seen only by its author (marked) and the committee; publishing shows it again;
 * - hiding or publishing twice changes nothing; once the vote is over nobody comments;
 * - a doubtful comment waits in the committee's queue until the committee hides or publishes it.
 * The words are the emulator's content check's own (DEFAULT_RISKY_WORDS, DEFAULT_REVIEW_WORDS).
 */

type Text = 'plain' | 'review' | 'risky';
type Command = { kind: 'comment'; author: number; text: Text } | { kind: 'moderate'; comment: number; hide: boolean } | { kind: 'close' };

const WORDS: Record<Text, string> = { plain: '同意，楼道确实该清理了', review: '有意见的可以加微信私聊', risky: '楼下有人赌博' };

class Model {
  /** `waiting`: in the committee's queue, until the committee decides either way. */
  comments: { author: number; status: 'published' | 'review' | 'hidden'; waiting: boolean }[] = [];
  open = true;
  comment(author: number, text: Text): string {
    if (!this.open) return 'FAILED_PRECONDITION';
    if (text === 'risky') return 'INVALID_ARGUMENT';
    this.comments.push({ author, status: text === 'plain' ? 'published' : 'review', waiting: text !== 'plain' });
    return 'ok';
  }
  moderate(i: number, hide: boolean): string {
    const c = this.comments[i];
    if (!c) return 'skip';
    const to = hide ? 'hidden' : 'published';
    // Deciding what it already is changes nothing (the queue flag included).
    if (c.status !== to) c.waiting = false;
    c.status = to;
    return 'ok';
  }
  /** What `viewer` (a neighbour's index, or -1 for the committee) sees, oldest first. */
  seen(viewer: number): string[] {
    return this.comments.filter((c) => viewer === -1 || c.status === 'published' || c.author === viewer).map((c) => c.status);
  }
}

const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('comment' as const), author: fc.nat(2), text: fc.constantFrom<Text>('plain', 'plain', 'review', 'risky') }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('moderate' as const), comment: fc.nat(7), hide: fc.boolean() }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'close' as const }) },
);

const EXAMPLE: Command[] = [
  { kind: 'comment', author: 0, text: 'plain' },
  { kind: 'comment', author: 1, text: 'review' },
  { kind: 'comment', author: 2, text: 'risky' },
  { kind: 'moderate', comment: 0, hide: true },
  { kind: 'moderate', comment: 0, hide: true },
  { kind: 'moderate', comment: 1, hide: false },
  { kind: 'close' },
  { kind: 'comment', author: 0, text: 'plain' },
];

const SEED = Number(process.env.COUNCIL_MODEL_SEED ?? 20261205);
const RUNS = Number(process.env.COUNCIL_MODEL_RUNS ?? 25);

describe("comments on a topic and the committee's hiding never diverge from the reference model", () => {
  let emulator: Emulator;
  let runs = 0;
  beforeAll(async () => {
    emulator = await startApp();
  });
  afterAll(() => emulator.close());

  async function run(commands: Command[]): Promise<void> {
    const building = `cm-${++runs}`;
    const neighbours = (await addHouseholds(emulator, building, 3)).map((h) => h[0]);
    const topicId = await proposeTopic(emulator, await addBody(emulator, [building]), neighbours[0]);
    const model = new Model();
    const ids: string[] = [];
    const log: string[] = [];
    const page = async (openid: string) => {
      const res = await call(emulator, openid, 'council', 'comments', { topicId });
      return (res.data.items as { status: string }[]).map((c) => c.status);
    };
    for (const c of commands) {
      log.push(JSON.stringify(c));
      let want = 'ok';
      let got = 'ok';
      if (c.kind === 'comment') {
        want = model.comment(c.author, c.text);
        const res = await call(emulator, neighbours[c.author], 'council', 'comment', { topicId, content: WORDS[c.text] });
        got = res.ok ? 'ok' : res.error.code;
        if (res.ok) ids.push(res.data.id);
      } else if (c.kind === 'moderate') {
        want = model.moderate(c.comment, c.hide);
        if (want !== 'skip') {
          const res = await call(emulator, COMMITTEE, 'council', 'moderateComment', { commentId: ids[c.comment], decision: c.hide ? 'hide' : 'publish', ...(c.hide ? { reason: '与议题无关' } : {}) });
          got = res.ok ? 'ok' : res.error.code;
        } else got = 'skip';
      } else {
        model.open = false;
        await emulator.db.update('council_topics', { _id: topicId }, { $set: { stage: 'decided' } }, { multi: false, merge: true, upsert: false });
      }
      const queue: { id: string }[] = [];
      // The queue is the community's, earlier runs' comments first: read it to the end.
      for (let cursor: string | undefined, more = true; more;) {
        const res = (await call(emulator, COMMITTEE, 'council', 'commentQueue', { communityId: 'demo-community', ...(cursor ? { cursor } : {}) })).data;
        queue.push(...res.items);
        cursor = res.nextCursor ?? undefined;
        more = res.nextCursor !== null;
      }
      const waiting = ids.filter((id) => queue.some((q) => q.id === id)).length;
      const seen = { answer: got, committee: await page(COMMITTEE), n0: await page(neighbours[0]), n1: await page(neighbours[1]), waiting };
      const expected = { answer: want, committee: model.seen(-1), n0: model.seen(0), n1: model.seen(1), waiting: model.comments.filter((c) => c.waiting).length };
      expectAgrees(seen, expected, log);
    }
  }

  modelRuns(run, { title: 'a plain, a doubtful and a risky comment; hidden twice, published, then the topic closes', commands: EXAMPLE }, { command, length: [6, 14], seed: SEED, runs: RUNS });
});
