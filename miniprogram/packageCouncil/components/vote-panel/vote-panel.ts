/**
 * A topic's vote: while open, the ballot (single or up to K choices) with the secret-ballot note and
 * the turnout, or, once this household has voted, only that it was counted (never what); after the
 * close, the tally, the turnout, whether the quorum was met and the decision. The page owns the
 * ballot (so a retry after a lost answer sends the same one): `choose` hands it { index }, `cast` asks
 * to send it.
 */
Component({
  properties: {
    /** A VoteView from services/council/present. */
    vote: { type: Object, value: {} },
    /** Which options the ballot marks, by index. */
    marks: { type: Array, value: [] as boolean[] },
    /** "您的票已计入…" once my household voted; '' before. */
    voted: { type: String, value: '' },
    /** A bound resident of the community (the roll is the function's to judge). */
    canVote: { type: Boolean, value: false },
    busy: { type: Boolean, value: false },
  },
  methods: {
    onChoose(e: WechatMiniprogram.BaseEvent<Record<string, never>, { index: number }>) {
      const index = Number(e.currentTarget.dataset.index);
      if (!this.data.busy && Number.isInteger(index)) this.triggerEvent('choose', { index });
    },
    onCast() {
      if (!this.data.busy) this.triggerEvent('cast', {});
    },
  },
});
