/**
 * 落实: a decided topic's project as a bar to 100% ("已完成" when done) with its dated updates,
 * newest first (加载更多 for older ones); for the committee, 更新进展 while it runs. Loads itself from
 * `topicId` (again when `version` changes); shows nothing while the topic has no project.
 */
import { project } from '../../../services/council/deliberation';
import { ProjectView, projectView } from '../../../services/council/present-deliberation';
import { Progress } from '../../../services/council/types';

const cursors = new WeakMap<object, { cursor: string | null; updates: Progress[] }>();

Component({
  properties: {
    topicId: { type: String, value: '' },
    committee: { type: Boolean, value: false },
    version: { type: Number, value: 0 },
  },
  data: {
    view: null as ProjectView | null,
    more: false,
    loadError: '',
  },

  observers: {
    'topicId, version'(id: string) {
      if (id) void this.load();
    },
  },

  methods: {
    async load(more = false) {
      const seen = cursors.get(this);
      const cursor = more && seen ? seen.cursor : null;
      const got = await project(this.data.topicId, cursor || undefined);
      // No project yet is the normal state of most topics: nothing to show.
      if (!got.ok) return this.setData(got.error.code === 'NOT_FOUND' ? { view: null, loadError: '' } : { loadError: got.error.message });
      const updates = [...(more && seen ? seen.updates : []), ...got.data.updates];
      cursors.set(this, { cursor: got.data.nextCursor, updates });
      this.setData({ loadError: '', view: projectView(got.data.project, updates), more: got.data.nextCursor !== null });
    },

    onMore() {
      void this.load(true);
    },

    onReport() {
      wx.navigateTo({ url: `/packageCouncil/pages/progress/progress?topicId=${encodeURIComponent(this.data.topicId)}` });
    },
  },
});
