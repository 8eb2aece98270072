/**
 * 志愿岗位 of the activity form: up to 20 shifts, each a role, a day with start and end times, a
 * head count and the hours it counts for; a new one takes the activity's day and times. Published
 * shifts cannot change (`locked`). `change` hands the page the whole new list ({ shifts }).
 * The page's form styles apply here (apply-shared), so the rows look like the rest of the form.
 */
import { MAX_SHIFTS, SHIFT_FIELDS, ShiftValues, newShift } from '../../pages/activity-form/view';

type ShiftEvent = WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { index: number; field: string }>;

Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    shifts: { type: Array, value: [] as ShiftValues[] },
    locked: { type: Boolean, value: false },
    /** The activity's day and times, for a new shift. */
    startDate: { type: String, value: '' },
    startTime: { type: String, value: '' },
    endTime: { type: String, value: '' },
  },
  data: { max: MAX_SHIFTS },

  methods: {
    onAdd() {
      const shifts: ShiftValues[] = this.data.shifts;
      if (this.data.locked || shifts.length >= MAX_SHIFTS) return;
      this.triggerEvent('change', { shifts: [...shifts, newShift(this.data)] });
    },

    onRemove(e: ShiftEvent) {
      const index = Number(e.currentTarget.dataset.index);
      const shifts: ShiftValues[] = this.data.shifts;
      if (!this.data.locked && index >= 0) this.triggerEvent('change', { shifts: shifts.filter((_, i) => i !== index) });
    },

    onField(e: ShiftEvent) {
      const index = Number(e.currentTarget.dataset.index);
      const name = String(e.currentTarget.dataset.field || '');
      const shifts: ShiftValues[] = this.data.shifts;
      if (this.data.locked || !(index >= 0 && index < shifts.length) || !SHIFT_FIELDS.includes(name)) return;
      this.triggerEvent('change', { shifts: shifts.map((s, i) => (i === index ? { ...s, [name]: String(e.detail.value) } : s)) });
    },
  },
});
