/**
 * 会议: a topic's 听证会 / 协调会 / 评议会, soonest first, with time and place, 报名 leading to the
 * meeting's activity (signup and QR sign-in live there), and the minutes once published with how
 * many signed in; for the committee, 发布纪要 on a meeting that has begun. Loads itself from
 * `topicId` (again when `version` changes); shows nothing while the topic has no meeting.
 */
import { meetings } from '../../../services/council/deliberation';
import { MeetingRow, meetingRow } from '../../../services/council/present-deliberation';

Component({
  properties: {
    topicId: { type: String, value: '' },
    committee: { type: Boolean, value: false },
    /** The page bumps it to read the meetings again (back from 发布纪要). */
    version: { type: Number, value: 0 },
  },
  data: {
    rows: [] as MeetingRow[],
    loadError: '',
  },

  observers: {
    'topicId, version'(id: string) {
      if (id) void this.load();
    },
  },

  methods: {
    async load() {
      const got = await meetings(this.data.topicId);
      if (!got.ok) return this.setData({ loadError: got.error.message });
      const now = Date.now();
      this.setData({ loadError: '', rows: got.data.items.map((m) => meetingRow(m, now, this.data.committee)) });
    },

    onSignup(e: WechatMiniprogram.BaseEvent<Record<string, never>, { activity: string }>) {
      const id = String(e.currentTarget.dataset.activity || '');
      if (id) wx.navigateTo({ url: `/pages/activity-detail/activity-detail?id=${encodeURIComponent(id)}` });
    },

    onMinutes(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
      const id = String(e.currentTarget.dataset.id || '');
      const topicId = encodeURIComponent(this.data.topicId);
      if (id) wx.navigateTo({ url: `/packageCouncil/pages/minutes/minutes?topicId=${topicId}&meetingId=${encodeURIComponent(id)}` });
    },
  },
});
