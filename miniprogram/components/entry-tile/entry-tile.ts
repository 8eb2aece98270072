/** One entry tile of the landing page; a tap emits `tap` with `{ key }`. */
Component({
  properties: {
    tileKey: { type: String, value: '' },
    title: { type: String, value: '' },
    subtitle: { type: String, value: '' },
    icon: { type: String, value: '' },
  },

  methods: {
    onTap() {
      this.triggerEvent('tap', { key: this.data.tileKey });
    },
  },
});
