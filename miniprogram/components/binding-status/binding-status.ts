/** My request to join a building: what I asked for and where it stands; `change` asks to edit it. */
Component({
  properties: {
    /** pending | approved | rejected | superseded: picks the colour. */
    status: { type: String, value: 'pending' },
    statusText: { type: String, value: '' },
    building: { type: String, value: '' },
    grid: { type: String, value: '' },
    room: { type: String, value: '' },
    submittedAt: { type: String, value: '' },
    /** The committee's reason when it was rejected. */
    reason: { type: String, value: '' },
  },

  methods: {
    onChange() {
      this.triggerEvent('change');
    },
  },
});
