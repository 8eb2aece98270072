/**
 * 报名表 of the activity form: whether a signup asks for a phone number (off, optional, required),
 * how many companions it may bring, and a note with its own label. `change` hands the page the
 * one setting that changed ({ phone } / { companionsMax } / { note } / { noteLabel }).
 */
import { COMPANION_OPTIONS, RULES, RULE_NAMES } from '../../pages/activity-form/view';

type PickEvent = WechatMiniprogram.CustomEvent<{ value: string | number }, Record<string, never>, { field: string }>;

Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    phone: { type: String, value: 'off' },
    companionsMax: { type: Number, value: 0 },
    note: { type: String, value: 'off' },
    noteLabel: { type: String, value: '' },
  },
  data: { ruleNames: RULE_NAMES, companionOptions: COMPANION_OPTIONS },

  methods: {
    onRule(e: PickEvent) {
      const name = e.currentTarget.dataset.field;
      const rule = RULES[Number(e.detail.value)];
      if (rule && (name === 'phone' || name === 'note')) this.triggerEvent('change', { [name]: rule });
    },

    onCompanions(e: PickEvent) {
      const n = Number(e.detail.value);
      if (n >= 0 && n < COMPANION_OPTIONS.length) this.triggerEvent('change', { companionsMax: n });
    },

    onNoteLabel(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.triggerEvent('change', { noteLabel: e.detail.value });
    },
  },
});
