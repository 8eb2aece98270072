import { Doc, isDoc, StoreError } from './types';

/**
 * Visits every value a dot path reaches in `root` until `test` returns true; the result says whether it
 * did. Arrays met before the last segment are traversed (their document elements are searched) and
 * numeric segments index them; the last value is handed over as is, arrays included, because some
 * operators ($size, $all, $elemMatch) look at the array itself. A missing path is visited as undefined.
 */
export type PathWalker = (root: unknown, test: (value: unknown) => boolean) => boolean;

const hasOwn = Object.prototype.hasOwnProperty;

/** The identity walker: operators applied directly to a value (`$elemMatch` operator form). */
export const selfWalker: PathWalker = (root, test) => test(root);

export function compilePath(path: string): PathWalker {
  const segs = path.split('.');
  if (segs.some((s) => s === '')) throw new StoreError('INVALID_PARAM', `invalid field path "${path}"`);
  // Names like "constructor" exist on every object's prototype; only those need the slower own-property read.
  const inherited = segs.map((s) => s in Object.prototype);
  const read = (obj: Doc, i: number): unknown => (inherited[i] && !hasOwn.call(obj, segs[i]) ? undefined : obj[segs[i]]);

  if (segs.length === 1) {
    return (root, test) => test(isDoc(root) ? read(root, 0) : undefined);
  }
  const index = segs.map((s) => (/^\d+$/.test(s) ? Number(s) : -1));
  const n = segs.length;
  const walk = (cur: unknown, i: number, test: (value: unknown) => boolean): boolean => {
    if (i === n) return test(cur);
    if (isDoc(cur)) return walk(read(cur, i), i + 1, test);
    if (Array.isArray(cur)) {
      if (index[i] >= 0) return walk(cur[index[i]], i + 1, test);
      // Scalars inside the array have no fields and contribute nothing; nested arrays are not entered.
      for (let j = 0; j < cur.length; j++) {
        const el = cur[j];
        if (isDoc(el) && walk(read(el, i), i + 1, test)) return true;
      }
      return false;
    }
    return test(undefined);
  };
  return (root, test) => walk(root, 0, test);
}
