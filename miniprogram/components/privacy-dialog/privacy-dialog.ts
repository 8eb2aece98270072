/**
 * The privacy agreement dialog. Put one on every page that uses a privacy API:
 *   <privacy-dialog id="privacy-dialog" />
 * It stays hidden until services/privacy asks; then it explains why, links the full agreement
 * (wx.openPrivacyContract) and offers 同意 (WeChat's agreePrivacyAuthorization button) or 不同意.
 */
import { AGREE_BUTTON_ID, registerPrivacyDialog } from '../../services/privacy/privacy';

/** Per dialog instance: who waits for the answer, and how to leave the registry. */
interface Waiting {
  answer: ((yes: boolean) => void) | null;
  unregister: () => void;
}
const waiting = new WeakMap<object, Waiting>();

Component({
  data: { visible: false, contractName: '', agreeId: AGREE_BUTTON_ID },

  lifetimes: {
    attached() {
      const state: Waiting = { answer: null, unregister: () => {} };
      state.unregister = registerPrivacyDialog({
        ask: (contractName) =>
          new Promise<boolean>((resolve) => {
            // A second request while one is open gets the same answer.
            const earlier = state.answer;
            state.answer = (yes: boolean) => {
              if (earlier) earlier(yes);
              resolve(yes);
            };
            this.setData({ visible: true, contractName });
          }),
      });
      waiting.set(this, state);
    },
    detached() {
      const state = waiting.get(this);
      if (state) state.unregister();
      this.close(false);
    },
  },

  methods: {
    close(yes: boolean) {
      const state = waiting.get(this);
      const answer = state ? state.answer : null;
      if (state) state.answer = null;
      if (this.data.visible) this.setData({ visible: false });
      if (answer) answer(yes);
    },
    /** WeChat records the agreement when the agreePrivacyAuthorization button is tapped, then tells us. */
    onAgree() {
      this.close(true);
    },
    onDecline() {
      this.close(false);
    },
    onOpenContract() {
      if (typeof wx.openPrivacyContract === 'function') wx.openPrivacyContract({});
    },
  },
});
