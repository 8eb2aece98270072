/**
 * Elder mode (长辈模式): larger type, higher contrast, bigger tap targets, fewer items a screen. It is
 * on when the user turned it on, or, until they choose, when WeChat's own font size is large (the
 * standard is 16 px on Android and 17 px on iOS). The choice is kept on this phone (asynchronous
 * storage, so launch never waits on it) and on the profile, so it follows the user to a new phone.
 *
 * Pages put `elder` in their data from `elderMode()` on load and on show; the root view takes the
 * class `elder` (app.wxss).
 */
export const ELDER_STORAGE_KEY = 'youlin.elder';
/** WeChat font sizes from this many px count as "large" (one step above the iOS standard). */
export const LARGE_FONT_PX = 20;

type Choice = 'on' | 'off' | null;

let choice: Choice = null;
/** Read once, on first need: the page in front may ask before the app's launch has. */
let systemLarge: boolean | null = null;
const listeners = new Set<(on: boolean) => void>();

function weChatFontIsLarge(): boolean {
  if (systemLarge === null) systemLarge = weChatFontSize() >= LARGE_FONT_PX;
  return systemLarge;
}

export function elderMode(): boolean {
  return choice === 'on' || (choice === null && weChatFontIsLarge());
}

function notify(): void {
  const on = elderMode();
  listeners.forEach((listener) => listener(on));
}

/** Called back whenever elder mode changes; returns the unsubscribe. */
export function onElderModeChange(listener: (on: boolean) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function weChatFontSize(): number {
  try {
    const size = typeof wx.getAppBaseInfo === 'function' ? wx.getAppBaseInfo().fontSizeSetting : undefined;
    return typeof size === 'number' ? size : 0;
  } catch {
    return 0;
  }
}

/** At launch: reads WeChat's font size now and this phone's stored choice in the background. */
export function startDisplay(): Promise<void> {
  weChatFontIsLarge();
  return new Promise((resolve) => {
    const settle = (value: unknown) => {
      if (choice === null && (value === 'on' || value === 'off')) choice = value;
      notify();
      resolve();
    };
    try {
      wx.getStorage({ key: ELDER_STORAGE_KEY, success: (res) => settle(res.data), fail: () => settle(null) });
    } catch {
      settle(null);
    }
  });
}

/** The user's switch on 我的. */
export function setElderMode(on: boolean): void {
  choice = on ? 'on' : 'off';
  try {
    wx.setStorage({ key: ELDER_STORAGE_KEY, data: choice });
  } catch {
    // Kept for this run; the profile keeps it too.
  }
  notify();
}

/**
 * Whether to offer elder mode (the first open of the app on this phone): no choice is stored here yet.
 * Asked in the background; a storage failure offers it (the offer is dismissible).
 */
export function needsElderOffer(): Promise<boolean> {
  return new Promise((resolve) => {
    if (choice !== null) return resolve(false);
    try {
      wx.getStorage({ key: ELDER_STORAGE_KEY, success: (res) => resolve(res.data !== 'on' && res.data !== 'off'), fail: () => resolve(true) });
    } catch {
      resolve(true);
    }
  });
}

/** The profile says the user turned it on (on another phone, say): honour it unless this phone chose. */
export function adoptProfileChoice(profileElderMode: boolean): void {
  if (choice !== null || !profileElderMode) return;
  choice = 'on';
  notify();
}
