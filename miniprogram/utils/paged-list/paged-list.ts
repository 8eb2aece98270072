/**
 * A list shown a page at a time: the first page (a spinner, then the rows, or loadError with 重试),
 * the next ones on reaching the bottom (appended by index, so only the new rows, at most a page of
 * 20, cross to the view; a failure is a toast and the rows stay) until `nextCursor` is '' (没有更多了).
 * A newer first load (a pull, another filter) drops the answers to older ones.
 */
import { Result } from '../../generated/domain';
import { elderMode } from '../../services/display/display';
import { loadEvents } from '../page-events/page-events';

/** A page as the functions give it. */
export interface Paged<T> {
  items: T[];
  nextCursor: string | null;
}

/** The list's part of a page's data. */
export interface ListData<R> {
  loading: boolean;
  loadError: string;
  rows: R[];
  nextCursor: string;
  loadingMore: boolean;
}

/** A list not loaded yet: the spinner shows. */
export function listData<R>(): ListData<R> {
  return { loading: true, loadError: '', rows: [], nextCursor: '', loadingMore: false };
}

export interface ListPage<R> {
  data: ListData<R>;
  setData(patch: Record<string, unknown>): void;
}

export interface FirstOptions {
  /** Rows on screen stay while the first page loads again, without a spinner over them. */
  keepRows?: boolean;
  /** With keepRows: a failure over shown rows is a toast, and they stay. */
  toastOverRows?: boolean;
}

/** Counts each page's first loads: an answer to an older one is dropped. */
const generations = new WeakMap<object, number>();
const generationOf = (page: object): number => generations.get(page) || 0;

/** A first load began since `generation`: the next page asked for before it is dropped, and more may be asked again. */
function overtaken(page: ListPage<unknown>, generation: number): boolean {
  if (generationOf(page) === generation) return false;
  page.setData({ loadingMore: false });
  return true;
}

function toast(title: string): void {
  wx.showToast({ title, icon: 'none' });
}

/** `rows` set at `key[start]`, `key[start + 1]`…: appended by path, so only they cross to the view. */
export function appendPatch<R>(key: string, start: number, rows: R[]): Record<string, R> {
  const patch: Record<string, R> = {};
  rows.forEach((row, i) => {
    patch[`${key}[${start + i}]`] = row;
  });
  return patch;
}

/** The first page in place of the rows; its items, or null when it failed (said on the page) or was overtaken. */
export async function loadFirst<T, R>(page: ListPage<R>, fetch: () => Promise<Result<Paged<T>>>, toRows: (items: T[]) => R[] | Promise<R[]>, options: FirstOptions = {}): Promise<T[] | null> {
  const generation = generationOf(page) + 1;
  generations.set(page, generation);
  const shown = Boolean(options.keepRows) && page.data.rows.length > 0;
  page.setData({ loading: !shown, loadError: '' });
  const got = await fetch();
  if (generationOf(page) !== generation) return null;
  if (!got.ok) {
    if (shown && options.toastOverRows) {
      page.setData({ loading: false });
      toast(got.error.message);
    } else page.setData({ loading: false, loadError: got.error.message });
    return null;
  }
  const rows = await toRows(got.data.items);
  if (generationOf(page) !== generation) return null;
  page.setData({ loading: false, rows, nextCursor: got.data.nextCursor || '' });
  return got.data.items;
}

/**
 * The next page when there is one and nothing is loading; null otherwise, on a failure (a toast) or
 * when a first load overtook it. The caller shows it, with `loadingMore: false`.
 */
export async function nextPage<T>(page: ListPage<unknown>, fetch: (cursor: string) => Promise<Result<Paged<T>>>): Promise<Paged<T> | null> {
  const cursor = page.data.nextCursor;
  if (!cursor || page.data.loading || page.data.loadingMore) return null;
  const generation = generationOf(page);
  page.setData({ loadingMore: true });
  const got = await fetch(cursor);
  if (overtaken(page, generation)) return null;
  if (!got.ok) {
    page.setData({ loadingMore: false });
    toast(got.error.message);
    return null;
  }
  return got.data;
}

/** The next page appended to the rows; its items, or null as for nextPage. */
export async function loadMore<T, R>(page: ListPage<R>, fetch: (cursor: string) => Promise<Result<Paged<T>>>, toRows: (items: T[]) => R[] | Promise<R[]>): Promise<T[] | null> {
  const generation = generationOf(page);
  const next = await nextPage(page, fetch);
  if (!next) return null;
  const rows = await toRows(next.items);
  if (overtaken(page, generation)) return null;
  page.setData({ loadingMore: false, nextCursor: next.nextCursor || '', ...appendPatch('rows', page.data.rows.length, rows) });
  return next.items;
}

interface Loads {
  data: { elder: boolean };
  setData(patch: Record<string, unknown>): void;
  load(): Promise<unknown>;
  loadMore(): Promise<unknown>;
}

/**
 * A list page's lifecycle (elder mode on load and on show, the first page on load) and events (pull
 * to refresh, 重试, the bottom and 加载更多), for `Page({ ...listEvents, load, loadMore })`; a page
 * that does more on load or show writes its own.
 */
export const listEvents = {
  ...loadEvents,
  onLoad(this: Loads): void {
    this.setData({ elder: elderMode() });
    void this.load();
  },
  onReachBottom(this: Loads): void {
    void this.loadMore();
  },
  onMore(this: Loads): void {
    void this.loadMore();
  },
};
