/** A resident's place in the neighbourhood: building · grid · community, and their room. */
Component({
  properties: {
    building: { type: String, value: '' },
    grid: { type: String, value: '' },
    community: { type: String, value: '' },
    street: { type: String, value: '' },
    room: { type: String, value: '' },
  },
});
