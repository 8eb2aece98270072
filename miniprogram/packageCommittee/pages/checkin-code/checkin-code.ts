/**
 * 签到码 (committee): the live check-in QR, full screen, from `checkinCode`'s token. A new token is
 * fetched every `refreshInSeconds` (before the old one expires) with a countdown; the screen stays
 * on while the page is open, and every timer stops when it closes.
 */
import { elderMode } from '../../../services/display/display';
import { checkinCode } from '../../services/committee';

/** After a failed refresh, try again this many seconds later. */
const RETRY_SECONDS = 3;

function qrSize(): number {
  try {
    const w = wx.getWindowInfo().windowWidth;
    return w > 0 ? Math.floor(w * 0.8) : 300;
  } catch {
    return 300;
  }
}

Page({
  data: { elder: false, activityId: '', loading: true, loadError: '', token: '', remaining: 0, size: 300 },

  /** The length of one countdown second in ms (tests shorten it). */
  secondMs: 1000,
  ticker: null as ReturnType<typeof setInterval> | null,
  closed: false,
  fetching: false,

  onLoad(query: Record<string, string | undefined>) {
    this.closed = false;
    this.setData({ elder: elderMode(), activityId: query.activityId || '', size: qrSize() });
    wx.setKeepScreenOn({ keepScreenOn: true });
    void this.refresh();
  },

  onShow() {
    if (this.data.elder !== elderMode()) this.setData({ elder: elderMode() });
  },

  onUnload() {
    this.closed = true;
    this.stopTicker();
    wx.setKeepScreenOn({ keepScreenOn: false });
  },

  onRetry() {
    void this.refresh();
  },

  stopTicker() {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = null;
  },

  async refresh() {
    if (this.closed || this.fetching) return;
    if (!this.data.activityId) {
      this.setData({ loading: false, loadError: '没有找到这个活动' });
      return;
    }
    this.fetching = true;
    this.stopTicker();
    const code = await checkinCode(this.data.activityId);
    this.fetching = false;
    if (this.closed) return;
    if (!code.ok) {
      // Keep trying on a passing network failure; a refusal (not started, no permission) is shown.
      if (code.error.code === 'UNAVAILABLE' && this.data.token) this.startTicker(RETRY_SECONDS);
      else this.setData({ loading: false, loadError: code.error.message, token: '' });
      return;
    }
    this.setData({ loading: false, loadError: '', token: code.data.token, remaining: code.data.refreshInSeconds });
    this.startTicker(code.data.refreshInSeconds);
  },

  startTicker(seconds: number) {
    let left = Math.max(1, Math.floor(seconds));
    this.stopTicker();
    this.ticker = setInterval(() => {
      left -= 1;
      if (left <= 0) {
        void this.refresh();
        return;
      }
      this.setData({ remaining: left });
    }, this.secondMs);
  },
});
