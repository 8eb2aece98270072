/**
 * 我的时长与积分 (from 我的活动, and 我的): my volunteer hours and points for a year, in total and
 * month by month; the years before with 上一年. Data from services/activity; shapes from ./view.
 */
import { elderMode } from '../../services/display/display';
import { myHours } from '../../services/activity/activity';
import { HoursView, hoursView } from './view';
import { loadEvents } from '../../utils/page-events/page-events';

interface HoursData {
  elder: boolean;
  loading: boolean;
  loadError: string;
  view: HoursView | null;
  /** This year (the server's), the latest that may be shown. */
  thisYear: number;
}

const initialData: HoursData = { elder: false, loading: true, loadError: '', view: null, thisYear: 0 };

/** Hours are kept from this year on (the contract's lowest). */
const FIRST_YEAR = 2020;

Page({
  ...loadEvents,
  data: initialData,

  /** The year asked for; 0 asks for this year. */
  year: 0,

  onLoad() {
    this.setData({ elder: elderMode() });
    void this.load();
  },

  onPreviousYear() {
    const view = this.data.view;
    if (this.data.loading || !view || view.year <= FIRST_YEAR) return;
    this.year = view.year - 1;
    void this.load();
  },

  onNextYear() {
    const view = this.data.view;
    if (this.data.loading || !view || view.year >= this.data.thisYear) return;
    this.year = view.year + 1;
    void this.load();
  },

  async load() {
    this.setData({ loading: true, loadError: '' });
    const got = await myHours(this.year || undefined);
    if (!got.ok) {
      this.setData({ loading: false, loadError: got.error.message });
      return;
    }
    const view = hoursView(got.data);
    this.setData({ loading: false, view, thisYear: Math.max(this.data.thisYear, this.year ? 0 : view.year) });
  },
});
