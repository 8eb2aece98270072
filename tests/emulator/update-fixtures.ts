/** A volunteer document the update tests change; a fresh copy each call. */
export const volunteer = () => ({
  _id: 'v1',
  name: '王芳',
  hours: 12,
  tags: ['elderly-care'],
  profile: { district: '朝阳', phone: '138' },
  shifts: [
    { id: 1, done: false, score: 4 },
    { id: 2, done: false, score: 7 },
  ],
});
