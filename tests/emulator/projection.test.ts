import { compileProjection, compileSort } from '../../emulator/store/projection';
import { Doc, StoreError } from '../../emulator/store/types';

const comments = [
  { by: 'wang', text: 'Noted', likes: 3 },
  { by: 'li', text: 'Which buildings?', likes: 9 },
  { by: 'zhang', text: 'Thanks', likes: 1 },
  { by: 'chen', text: 'OK', likes: 9 },
];

const notice: Doc = {
  _id: 'n1',
  title: 'Water outage on Saturday',
  body: 'x'.repeat(50),
  author: { name: 'Committee', phone: '021-1234', office: { room: 101 } },
  comments,
  tags: ['utilities', 'urgent'],
  publishedAt: new Date('2024-03-01T08:00:00Z'),
};

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof StoreError) return e.code;
    throw e;
  }
  return 'no error';
}

describe('compileProjection', () => {
  it('without a projection the whole document comes back as a copy', () => {
    const out = compileProjection(undefined)(notice);
    expect(out).toEqual(notice);
    expect(out).not.toBe(notice);
    expect(compileProjection({})(notice)).toEqual(notice);
  });

  it('an inclusion projection keeps the listed fields and _id', () => {
    const out = compileProjection({ tags: true, title: 1 })(notice);
    expect(out).toEqual({ _id: 'n1', title: notice.title, tags: ['utilities', 'urgent'] });
    // Fields come back in stored order, as from MongoDB, whatever the projection's order.
    expect(Object.keys(out)).toEqual(['_id', 'title', 'tags']);
  });

  it('_id: 0 drops the id from an inclusion, and alone works as an exclusion', () => {
    expect(compileProjection({ title: 1, _id: 0 })(notice)).toEqual({ title: notice.title });
    const withoutId = compileProjection({ _id: 0 })(notice);
    expect(withoutId._id).toBeUndefined();
    expect(withoutId.title).toBe(notice.title);
  });

  it('{_id: 1} alone returns just the id', () => {
    expect(compileProjection({ _id: 1 })(notice)).toEqual({ _id: 'n1' });
  });

  it('an exclusion projection drops the big body and keeps everything else', () => {
    const out = compileProjection({ body: 0 })(notice);
    expect(out.body).toBeUndefined();
    expect(out.title).toBe(notice.title);
    expect(out.comments).toEqual(notice.comments);
  });

  it('dot paths include parts of an embedded document and of every array element', () => {
    const out = compileProjection({ 'author.name': 1, 'author.office.room': 1, 'comments.by': 1 })(notice);
    expect(out).toEqual({
      _id: 'n1',
      author: { name: 'Committee', office: { room: 101 } },
      comments: [{ by: 'wang' }, { by: 'li' }, { by: 'zhang' }, { by: 'chen' }],
    });
  });

  it('dot paths exclude inside embedded documents and array elements', () => {
    const out = compileProjection({ 'author.phone': 0, 'comments.likes': 0 })(notice);
    expect(out.author).toEqual({ name: 'Committee', office: { room: 101 } });
    expect(out.comments).toEqual(comments.map(({ by, text }) => ({ by, text })));
  });

  it('a missing included path is simply absent', () => {
    expect(compileProjection({ 'author.email': 1, missing: 1 })(notice)).toEqual({ _id: 'n1', author: {} });
  });

  it('$slice takes the first n, the last n, or [skip, limit] comments', () => {
    const by = (d: Doc): string[] => (d.comments as Doc[]).map((c) => c.by as string);
    expect(by(compileProjection({ comments: { $slice: 2 } })(notice))).toEqual(['wang', 'li']);
    expect(by(compileProjection({ comments: { $slice: -1 } })(notice))).toEqual(['chen']);
    expect(by(compileProjection({ comments: { $slice: [1, 2] } })(notice))).toEqual(['li', 'zhang']);
    expect(by(compileProjection({ comments: { $slice: [-3, 1] } })(notice))).toEqual(['li']);
  });

  it('$slice alone keeps the other fields; beside an inclusion it only adds the sliced field', () => {
    expect(compileProjection({ comments: { $slice: 1 } })(notice).title).toBe(notice.title);
    expect(compileProjection({ title: 1, comments: { $slice: 1 } })(notice)).toEqual({
      _id: 'n1',
      title: notice.title,
      comments: [comments[0]],
    });
  });

  it('$elemMatch returns only the first matching comment', () => {
    const out = compileProjection({ comments: { $elemMatch: { likes: { $gte: 5 } } } })(notice);
    expect(out).toEqual({ _id: 'n1', comments: [{ by: 'li', text: 'Which buildings?', likes: 9 }] });
    const tag = compileProjection({ title: 1, tags: { $elemMatch: { $regex: '^urg' } } })(notice);
    expect(tag.tags).toEqual(['urgent']);
  });

  it('$elemMatch beside an exclusion narrows the array and keeps the other fields', () => {
    const out = compileProjection({ body: 0, comments: { $elemMatch: { by: 'zhang' } } })(notice);
    expect(out.body).toBeUndefined();
    expect(out.title).toBe(notice.title);
    expect(out.comments).toEqual([comments[2]]);
  });

  it('$elemMatch with no match leaves the field out', () => {
    expect(compileProjection({ comments: { $elemMatch: { by: 'nobody' } } })(notice)).toEqual({ _id: 'n1' });
  });

  it('mixing inclusion and exclusion (other than _id) is rejected', () => {
    expect(code(() => compileProjection({ title: 1, body: 0 }))).toBe('INVALID_PARAM');
    expect(code(() => compileProjection({ title: 1, _id: 0 }))).toBe('no error');
  });

  it('unsupported projection forms are rejected up front', () => {
    expect(code(() => compileProjection({ 'comments.$': 1 }))).toBe('INVALID_PARAM');
    expect(code(() => compileProjection({ title: 'yes' }))).toBe('INVALID_PARAM');
    expect(code(() => compileProjection({ title: { $literal: 1 } }))).toBe('INVALID_PARAM');
    expect(code(() => compileProjection({ author: 1, 'author.name': 1 }))).toBe('INVALID_PARAM');
    expect(code(() => compileProjection({ comments: { $slice: [1, 0] } }))).toBe('INVALID_PARAM');
  });

  it('results never alias the stored document', () => {
    const out = compileProjection({ author: 1, comments: 1, publishedAt: 1 })(notice);
    (out.author as Doc).name = 'changed';
    (out.comments as Doc[]).push({ by: 'intruder' });
    (out.publishedAt as Date).setFullYear(2000);
    expect((notice.author as Doc).name).toBe('Committee');
    expect(comments).toHaveLength(4);
    expect((notice.publishedAt as Date).getUTCFullYear()).toBe(2024);
  });
});

describe('compileSort', () => {
  const posts: Doc[] = [
    { _id: 'a', likes: 5, author: { floor: 3 }, scores: [4, 9], title: 'b' },
    { _id: 'b', likes: 12, author: { floor: 1 }, scores: [6], title: 'a' },
    { _id: 'c', author: {}, scores: [], title: 'c' },
    { _id: 'd', likes: 5, author: { floor: 2 }, scores: [1, 7], title: 'a' },
  ];
  const order = (spec: Doc | undefined): string[] => [...posts].sort(compileSort(spec)!).map((d) => d._id as string);

  it('no order, or an empty one, means no comparator', () => {
    expect(compileSort(undefined)).toBeNull();
    expect(compileSort({})).toBeNull();
  });

  it('sorts ascending and descending; a missing field sorts as null (first when ascending)', () => {
    expect(order({ likes: 1 })).toEqual(['c', 'a', 'd', 'b']);
    expect(order({ likes: -1 })).toEqual(['b', 'a', 'd', 'c']);
  });

  it("accepts 'asc' and 'desc' and breaks ties with the next key", () => {
    expect(order({ likes: 'desc', title: 'asc' })).toEqual(['b', 'd', 'a', 'c']);
  });

  it('sorts by a dot path into an embedded document', () => {
    expect(order({ 'author.floor': 1 })).toEqual(['c', 'b', 'd', 'a']);
  });

  it('an array sorts by its smallest element ascending and its largest descending', () => {
    // Minimums: a 4, b 6, c (empty → null), d 1. Maximums: a 9, b 6, d 7.
    expect(order({ scores: 1 })).toEqual(['c', 'd', 'a', 'b']);
    expect(order({ scores: -1 })).toEqual(['a', 'd', 'b', 'c']);
  });

  it('values of different types follow the Mongo type order (numbers before strings)', () => {
    const mixed: Doc[] = [
      { _id: 's', v: '10' },
      { _id: 'n', v: 2 },
      { _id: 'z', v: null },
    ];
    expect(mixed.sort(compileSort({ v: 1 })!).map((d) => d._id)).toEqual(['z', 'n', 's']);
  });

  it('an invalid direction is rejected', () => {
    expect(code(() => compileSort({ likes: 2 }))).toBe('INVALID_PARAM');
    expect(code(() => compileSort({ likes: 'up' }))).toBe('INVALID_PARAM');
  });
});
