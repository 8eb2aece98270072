/** The supports of a topic against its threshold: a bar, "6/10 户附议" and the days left (a SupportView from services/council/present). */
Component({
  properties: {
    support: { type: Object, value: {} },
  },
});
