/**
 * What every page that shows loaded data does the same way: follow elder mode when it comes back
 * into view (the switch is on 我的), load again on a pull, and on 重试. For `Page({ ...loadEvents,
 * onLoad, load })`; the page's own onLoad sets `elder` and starts the first load.
 */
import { elderMode } from '../../services/display/display';

interface Loads {
  data: { elder: boolean };
  setData(patch: Record<string, unknown>): void;
  load(): Promise<unknown>;
}

export const loadEvents = {
  onShow(this: Loads): void {
    if (this.data.elder !== elderMode()) this.setData({ elder: elderMode() });
  },
  onPullDownRefresh(this: Loads): void {
    void this.load().then(() => wx.stopPullDownRefresh());
  },
  onRetry(this: Loads): void {
    void this.load();
  },
};
