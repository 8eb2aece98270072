/**
 * One post or notice in the 邻里圈 feed: kind (and 置顶公告 / 公告), author, time, the start of the
 * text, up to three thumbnails (lazily loaded), likes and comments. `card` is a CardView from
 * pages/circle/view; the page around it handles the tap.
 */
Component({
  properties: {
    card: { type: Object, value: {} },
  },
});
