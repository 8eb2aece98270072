/**
 * One post or notice in the 邻里圈 feed: kind (and 置顶公告 / 公告), author, time, the start of the
 * text, up to three thumbnails (lazily loaded), 赞 (its own tap: a `like` event) and 评论 (opens the post). `card` is a CardView from
 * pages/circle/view; the page around it handles the tap.
 */
Component({
  properties: {
    card: { type: Object, value: {} },
  },
  methods: {
    /** 赞 / 已赞 is its own tap (the rest of the card opens the post): the page likes or unlikes. */
    onLike() {
      this.triggerEvent('like', { id: (this.data.card as { id?: string }).id });
    },
  },
});
