/**
 * 邻里圈 (tab): my community's feed, pinned notices first, then newest; a kind filter; pull down to
 * refresh, scroll to the bottom for the next page (appended at most 20 cards a setData); 发布 opens
 * the compose page, a card opens the post, 赞 on a card likes it there. The community's name heads
 * the page (from 我的 profile, asked once, beside the feed: the feed itself reads no more for it). Data from services/circle; display shapes from ./view.
 */
import { CircleItem, ItemKind, getFeed, setLiked, takeFeedStale } from '../../services/circle/circle';
import { getMe } from '../../services/user/user';
import { elderMode } from '../../services/display/display';
import { imageUrls } from '../../services/storage/storage';
import { appendPatch } from '../../utils/paged-list/paged-list';
import { CardView, KIND_TABS, cardsOf, kindOf, thumbnailIds } from './view';

/** A page of the feed (the function's own limit) is also the most the page appends at once. */
const APPEND_MAX = 20;

interface CircleData {
  elder: boolean;
  /** My community's name, '' for a visitor or until known. */
  community: string;
  loading: boolean;
  loadError: string;
  tabs: typeof KIND_TABS;
  kind: ItemKind | '';
  cards: CardView[];
  /** A next page exists. */
  more: boolean;
  loadingMore: boolean;
  moreError: string;
}

const initialData: CircleData = {
  elder: false,
  community: '',
  loading: true,
  loadError: '',
  tabs: KIND_TABS,
  kind: '',
  cards: [],
  more: false,
  loadingMore: false,
  moreError: '',
};

/** Cards for these items, with their thumbnails' URLs. */
async function cardsFor(items: CircleItem[]): Promise<CardView[]> {
  const urls = await imageUrls(thumbnailIds(items));
  return cardsOf(items, urls, Date.now());
}

Page({
  data: initialData,

  cursor: null as string | null,
  /** Bumped by every fresh load, so an answer to an older one (another filter, say) is dropped. */
  generation: 0,

  onLoad() {
    this.setData({ elder: elderMode() });
    void this.load();
    void getMe().then((me) => {
      if (me.ok && me.data.community) this.setData({ community: me.data.community.name });
    });
  },

  onShow() {
    this.setData({ elder: elderMode() });
    // Back from posting: show my post at the top.
    if (takeFeedStale() && !this.data.loading) void this.load(true);
  },

  onPullDownRefresh() {
    void this.load(true).then(() => wx.stopPullDownRefresh());
  },

  onReachBottom() {
    void this.loadMore();
  },

  onRetry() {
    void this.load();
  },

  onRetryMore() {
    void this.loadMore();
  },

  onKind(e: WechatMiniprogram.BaseEvent<Record<string, never>, { kind: string }>) {
    const kind = kindOf(e.currentTarget.dataset.kind) || '';
    if (kind === this.data.kind) return;
    this.setData({ kind, cards: [], more: false, moreError: '' });
    void this.load();
  },

  /** First page. A refresh keeps the cards on screen until the new ones arrive, and says a failure in a toast. */
  async load(refreshing = false) {
    const generation = ++this.generation;
    const keep = refreshing && this.data.cards.length > 0;
    if (!keep) this.setData({ loading: true, loadError: '' });
    const feed = await getFeed(undefined, kindOf(this.data.kind));
    if (generation !== this.generation) return;
    if (!feed.ok) {
      if (keep) wx.showToast({ title: feed.error.message, icon: 'none' });
      else this.setData({ loading: false, loadError: feed.error.message });
      return;
    }
    const cards = await cardsFor(feed.data.items.slice(0, APPEND_MAX));
    if (generation !== this.generation) return;
    this.cursor = feed.data.nextCursor;
    this.setData({ loading: false, loadError: '', cards, more: this.cursor !== null, moreError: '' });
  },

  async loadMore() {
    const cursor = this.cursor;
    if (!cursor || this.data.loadingMore || this.data.loading) return;
    const generation = this.generation;
    this.setData({ loadingMore: true, moreError: '' });
    const feed = await getFeed(cursor, kindOf(this.data.kind));
    if (generation !== this.generation) return;
    if (!feed.ok) {
      this.setData({ loadingMore: false, moreError: feed.error.message });
      return;
    }
    // A post already shown (pinned, or mine after a refresh) is not shown twice.
    const shown = new Set(this.data.cards.map((c) => c.id));
    const cards = await cardsFor(feed.data.items.filter((item) => !shown.has(item.id)).slice(0, APPEND_MAX));
    if (generation !== this.generation) return;
    this.cursor = feed.data.nextCursor;
    this.setData({ loadingMore: false, more: this.cursor !== null, ...appendPatch('cards', this.data.cards.length, cards) });
  },

  onOpen(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
    const id = e.currentTarget.dataset.id;
    if (id) wx.navigateTo({ url: `/pages/post-detail/post-detail?id=${encodeURIComponent(id)}` });
  },

  /** The first-open offer of 长辈模式 was answered. */
  onElderChosen() {
    this.setData({ elder: elderMode() });
  },

  /**
   * 赞 / 已赞 on a card: the state comes back from the function and the count shown moves with it (a
   * like made meanwhile elsewhere, `changed: false`, was not in the count shown either).
   */
  async onLike(e: WechatMiniprogram.CustomEvent<{ id: string }>) {
    const index = this.data.cards.findIndex((c) => c.id === e.detail.id);
    const card = this.data.cards[index];
    if (!card) return;
    const result = await setLiked(card.id, !card.liked);
    if (!result.ok) {
      wx.showToast({ title: result.error.message, icon: 'none' });
      return;
    }
    const { liked } = result.data;
    const likeCount = liked === card.liked ? card.likeCount : Math.max(0, card.likeCount + (liked ? 1 : -1));
    this.setData({ [`cards[${index}]`]: { ...card, liked, likeCount } });
  },

  onCompose() {
    wx.navigateTo({ url: '/pages/compose/compose' });
  },
});
