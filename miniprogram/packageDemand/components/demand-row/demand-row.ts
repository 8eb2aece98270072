/** One demand in a list (我的诉求, 网格工作台): what, where, the state, the deadline (red once overdue); a tap opens 诉求详情. */
Component({
  properties: {
    /** A DemandRow from services/demand/present. */
    row: { type: Object, value: {} },
  },
  methods: {
    onOpen() {
      const id = String((this.data.row as { id?: string }).id || '');
      if (id) wx.navigateTo({ url: `/packageDemand/pages/demand/demand?id=${encodeURIComponent(id)}` });
    },
  },
});
