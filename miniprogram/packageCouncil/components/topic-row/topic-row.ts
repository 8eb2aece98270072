/** One topic in the 议事厅 (or the committee's desk): title, body, stage, the bar while supports are collected; a tap opens the topic. */
Component({
  properties: {
    /** A TopicRow from services/council/present. */
    row: { type: Object, value: {} },
  },
  methods: {
    onOpen() {
      const id = String((this.data.row as { id?: string }).id || '');
      if (id) wx.navigateTo({ url: `/packageCouncil/pages/topic/topic?id=${encodeURIComponent(id)}` });
    },
  },
});
