/**
 * 邻里圈 (tab): the first page of my community's feed, pinned notices first. For now only the titles;
 * detail, compose, like and load-more come with the circle pages of issue 6.
 */
import { CircleItem, getFeed } from '../../services/circle/circle';

const KIND_NAMES: Record<CircleItem['kind'], string> = { neighbour: '邻里动态', help: '邻里互助', lostFound: '失物招领', notice: '社区公告' };

interface Row {
  id: string;
  title: string;
  note: string;
}

/** A notice has a title; a post shows the start of its text. */
function row(item: CircleItem): Row {
  const text = item.title || item.content;
  const title = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return { id: item.id, title, note: item.pinned ? `置顶${KIND_NAMES[item.kind]}` : KIND_NAMES[item.kind] };
}

Page({
  data: { loading: true, loadError: '', rows: [] as Row[] },

  onLoad() {
    void this.load();
  },

  onRetry() {
    void this.load();
  },

  async load() {
    this.setData({ loading: true, loadError: '' });
    const feed = await getFeed();
    if (!feed.ok) {
      this.setData({ loading: false, loadError: feed.error.message });
      return;
    }
    this.setData({ loading: false, rows: feed.data.items.map(row) });
  },
});
