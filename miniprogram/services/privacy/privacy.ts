/**
 * WeChat's privacy agreement (《友邻圈隐私保护指引》) before any privacy API (location, photos, …).
 *
 * Two ways in, one dialog: a page asks first with `ensurePrivacyAgreed()` before it calls such an
 * API; and if some API is reached without asking, WeChat raises `onNeedPrivacyAuthorization`, which
 * `listenForPrivacyRequests()` (called at launch) answers with the same dialog. The dialog is the
 * `privacy-dialog` component on the page in front; it registers itself here while attached.
 */
export interface PrivacyDialog {
  /** Shows the agreement; resolves true when the user taps 同意 (the agreePrivacyAuthorization button). */
  ask(contractName: string): Promise<boolean>;
}

/** The id of the dialog's agree button, which WeChat checks was tapped before it accepts `agree`. */
export const AGREE_BUTTON_ID = 'privacy-agree';
const DEFAULT_CONTRACT_NAME = '《友邻圈隐私保护指引》';

const dialogs: PrivacyDialog[] = [];
let agreed = false;

export function registerPrivacyDialog(dialog: PrivacyDialog): () => void {
  dialogs.push(dialog);
  return () => {
    const at = dialogs.lastIndexOf(dialog);
    if (at >= 0) dialogs.splice(at, 1);
  };
}

/** The newest attached dialog belongs to the page in front. */
const frontDialog = (): PrivacyDialog | undefined => dialogs[dialogs.length - 1];

interface PrivacySetting {
  needAuthorization: boolean;
  contractName: string;
}

function privacySetting(): Promise<PrivacySetting> {
  return new Promise((resolve) => {
    // Base libraries before 2.32.3 have no privacy agreement to ask for.
    if (typeof wx.getPrivacySetting !== 'function') {
      resolve({ needAuthorization: false, contractName: DEFAULT_CONTRACT_NAME });
      return;
    }
    wx.getPrivacySetting({
      success: (res) => resolve({ needAuthorization: res.needAuthorization, contractName: res.privacyContractName || DEFAULT_CONTRACT_NAME }),
      // Unknown: ask, since a privacy API without agreement fails anyway.
      fail: () => resolve({ needAuthorization: true, contractName: DEFAULT_CONTRACT_NAME }),
    });
  });
}

async function askInFront(contractName: string): Promise<boolean> {
  const dialog = frontDialog();
  if (!dialog) {
    console.warn('[privacy] no privacy-dialog on the page in front');
    return false;
  }
  const yes = await dialog.ask(contractName);
  if (yes) agreed = true;
  return yes;
}

/** True when the user has agreed, now or before; false when they declined. Never throws. */
export async function ensurePrivacyAgreed(): Promise<boolean> {
  if (agreed) return true;
  const setting = await privacySetting();
  if (!setting.needAuthorization) {
    agreed = true;
    return true;
  }
  return askInFront(setting.contractName);
}

/** The user asked to read the agreement (我的): show it whatever WeChat remembers; true when they agree. */
export async function showPrivacyAgreement(): Promise<boolean> {
  const setting = await privacySetting();
  return askInFront(setting.contractName);
}

/** At launch: a privacy API reached without asking first waits on this dialog too. */
export function listenForPrivacyRequests(): void {
  if (typeof wx.onNeedPrivacyAuthorization !== 'function') return;
  // The typings describe the listener's argument as a result object; it is WeChat's resolve function.
  wx.onNeedPrivacyAuthorization((resolve: unknown) => {
    if (typeof resolve !== 'function') return;
    if (!frontDialog()) {
      resolve({ event: 'disagree' });
      return;
    }
    resolve({ event: 'exposureAuthorization' });
    void askInFront(DEFAULT_CONTRACT_NAME).then((yes) => resolve(yes ? { event: 'agree', buttonId: AGREE_BUTTON_ID } : { event: 'disagree' }));
  });
}
