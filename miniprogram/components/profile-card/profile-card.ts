/** Who I am: avatar (or the first character of my name), name, status and roles. */
const NO_ROLES: string[] = [];

Component({
  properties: {
    name: { type: String, value: '' },
    /** Cloud file id of the avatar; '' shows the placeholder. */
    avatar: { type: String, value: '' },
    initial: { type: String, value: '' },
    status: { type: String, value: '' },
    /** Role names, already in Chinese. */
    roles: { type: Array, value: NO_ROLES },
  },
});
