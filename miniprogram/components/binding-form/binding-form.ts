/**
 * A visitor asks to join a building: pick the community, then the building, type the room.
 * The page loads the options (`communitychange` asks for a community's buildings) and sends the
 * request (`submit`); this component only checks that the form is complete.
 */
import { roomSchema } from '../../generated/domain';
import { BindingRequest, BuildingOption, CommunityChange, CommunityOption } from './type';

const NO_COMMUNITIES: CommunityOption[] = [];
const NO_BUILDINGS: BuildingOption[] = [];

/** A picker's `change` detail: the chosen index, a number or a numeric string depending on the base library. */
const pickedIndex = (e: WechatMiniprogram.CustomEvent<{ value: string | number }>) => Number(e.detail.value);

Component({
  properties: {
    communities: { type: Array, value: NO_COMMUNITIES },
    /** Index into communities of the chosen one; -1 for none. */
    communityIndex: { type: Number, value: -1 },
    /** The chosen community's buildings. */
    buildings: { type: Array, value: NO_BUILDINGS },
    submitting: { type: Boolean, value: false },
    /** The server's answer to the last submit, when it failed. */
    error: { type: String, value: '' },
  },

  data: {
    buildingId: '',
    /** Where buildingId is in `buildings` (what the picker shows); -1 for none. */
    buildingIndex: -1,
    room: '',
    /** What is missing before the form can be sent. */
    hint: '',
  },

  observers: {
    // The list may be set again (the same, or another community's): keep the choice only if it is still offered.
    buildings(buildings: BuildingOption[]) {
      const index = buildings.findIndex((b) => b.id === this.data.buildingId);
      this.setData({ buildingIndex: index, buildingId: index >= 0 ? this.data.buildingId : '' });
    },
  },

  methods: {
    onCommunityChange(e: WechatMiniprogram.CustomEvent<{ value: string | number }>) {
      const community = this.data.communities[pickedIndex(e)];
      if (!community) return;
      const detail: CommunityChange = { communityId: community.id };
      this.setData({ hint: '' });
      this.triggerEvent('communitychange', detail);
    },

    onBuildingChange(e: WechatMiniprogram.CustomEvent<{ value: string | number }>) {
      const index = pickedIndex(e);
      const building = this.data.buildings[index];
      if (!building) return;
      this.setData({ buildingId: building.id, buildingIndex: index, hint: '' });
    },

    onRoomInput(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ room: e.detail.value, hint: '' });
    },

    onSubmit() {
      if (this.data.submitting) return;
      const building = this.data.buildings[this.data.buildingIndex];
      if (!building) return this.setData({ hint: '请选择楼组' });
      const room = this.data.room.trim();
      if (!room) return this.setData({ hint: '请填写房号' });
      const checked = roomSchema.safeParse(room);
      if (!checked.success) return this.setData({ hint: checked.error.issues[0].message });
      const detail: BindingRequest = { buildingId: building.id, room: checked.data };
      this.triggerEvent('submit', detail);
    },
  },
});
