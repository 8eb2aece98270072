/**
 * 取消活动: asks for the reason (residents who signed up are told it), then cancels the activity.
 * Events: `busy` ({ busy }) while it is sent, `cancelled` once done, `problem` ({ message }).
 */
import { cancelActivity } from '../../services/committee';
import { askReason } from '../../../utils/ask-reason/ask-reason';

Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    activityId: { type: String, value: '' },
    disabled: { type: Boolean, value: false },
  },

  methods: {
    onTap() {
      if (this.data.disabled || !this.data.activityId) return;
      void askReason({
        title: '取消活动',
        placeholder: '请写明取消理由，会通知已报名的居民',
        confirmText: '取消活动',
        cancelText: '再想想',
        tooShort: '请写明取消理由（至少 2 个字）',
        onTooShort: (message) => this.triggerEvent('problem', { message }),
      }).then((reason) => {
        if (reason) void this.cancel(reason);
      });
    },

    async cancel(reason: string) {
      this.triggerEvent('busy', { busy: true });
      const done = await cancelActivity(this.data.activityId, reason);
      this.triggerEvent('busy', { busy: false });
      if (done.ok) this.triggerEvent('cancelled');
      else this.triggerEvent('problem', { message: done.error.message });
    },
  },
});
