/**
 * The first open of the app on a phone offers 长辈模式 once: 开启 or 暂不需要, either remembered on the
 * phone (and the profile, best effort) so the offer never comes back; 我的 keeps the switch. Emits
 * `change` with `{ elder }` after a choice.
 */
import { needsElderOffer, setElderMode } from '../../services/display/display';
import { updateProfile } from '../../services/user/user';

Component({
  data: { shown: false },
  lifetimes: {
    attached() {
      void needsElderOffer().then((shown) => {
        if (shown) this.setData({ shown });
      });
    },
  },
  methods: {
    onTurnOn() {
      this.choose(true);
    },
    onDismiss() {
      this.choose(false);
    },
    choose(elder: boolean) {
      setElderMode(elder);
      this.setData({ shown: false });
      this.triggerEvent('change', { elder });
      // The profile carries it to the user's other phones; a failure here loses nothing on this phone.
      void updateProfile({ elderMode: elder });
    },
  },
});
