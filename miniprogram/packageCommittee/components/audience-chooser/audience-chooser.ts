/**
 * 面向 of the activity form: the whole community, some grids, some buildings, or everyone; the
 * grids and buildings come ticked from the page (`grids`, `buildings`: Options of view.ts).
 * `change` hands the page what was chosen ({ audienceKind } or { gridIds } or { buildingIds }).
 */
import { AUDIENCES } from '../../pages/activity-form/view';

type ChoiceEvent<T> = WechatMiniprogram.CustomEvent<{ value: T }>;

Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    kind: { type: String, value: 'community' },
    grids: { type: Array, value: [] },
    buildings: { type: Array, value: [] },
  },
  data: { audiences: AUDIENCES },

  methods: {
    onKind(e: ChoiceEvent<string>) {
      const kind = AUDIENCES.find((a) => a.kind === e.detail.value);
      if (kind) this.triggerEvent('change', { audienceKind: kind.kind });
    },

    onGrids(e: ChoiceEvent<string[]>) {
      this.triggerEvent('change', { gridIds: e.detail.value.map(String) });
    },

    onBuildings(e: ChoiceEvent<string[]>) {
      this.triggerEvent('change', { buildingIds: e.detail.value.map(String) });
    },
  },
});
