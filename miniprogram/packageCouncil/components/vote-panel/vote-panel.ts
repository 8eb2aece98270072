/**
 * A topic's vote: while open, the ballot (single or up to K choices) with the secret-ballot note and
 * the turnout, or, once this household has voted, only that it was counted (never what); after the
 * close, the tally, the turnout, whether the quorum was met and the decision. The page sends the
 * ballot: `cast` hands it { choices }.
 */
import { toggleChoice } from '../../../services/council/present';

Component({
  properties: {
    /** A VoteView from services/council/present. */
    vote: { type: Object, value: {} },
    /** "您的票已计入…" once my household voted; '' before. */
    voted: { type: String, value: '' },
    /** On the roll's side: a bound resident of the community (the function has the last word). */
    canVote: { type: Boolean, value: false },
    busy: { type: Boolean, value: false },
  },
  data: {
    chosen: [] as number[],
    marks: [] as boolean[],
  },
  observers: {
    vote(v: { options?: string[] }) {
      this.setData({ chosen: [], marks: (v.options || []).map(() => false) });
    },
  },
  methods: {
    onChoose(e: WechatMiniprogram.BaseEvent<Record<string, never>, { index: number }>) {
      const i = Number(e.currentTarget.dataset.index);
      const v = this.data.vote as { maxChoices?: number; options?: string[] };
      if (this.data.busy || !Number.isInteger(i)) return;
      const chosen = toggleChoice(this.data.chosen, i, v.maxChoices || 1);
      this.setData({ chosen, marks: (v.options || []).map((_, k) => chosen.includes(k)) });
    },
    onCast() {
      if (this.data.busy) return;
      this.triggerEvent('cast', { choices: this.data.chosen });
    },
  },
});
