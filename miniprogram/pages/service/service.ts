/**
 * 服务 (tab): my community's service menu, one row per service with its series. The series menu,
 * item detail, nearby points, slots and booking come with the service pages of issue 6.
 */
import { ServiceItem, getCatalogue } from '../../services/service/service';

interface Row {
  id: string;
  title: string;
  note: string;
}

const row = (item: ServiceItem): Row => ({ id: item.id, title: item.name, note: item.seriesName });

Page({
  data: { loading: true, loadError: '', rows: [] as Row[] },

  onLoad() {
    void this.load();
  },

  onRetry() {
    void this.load();
  },

  async load() {
    this.setData({ loading: true, loadError: '' });
    const catalogue = await getCatalogue();
    if (!catalogue.ok) {
      this.setData({ loading: false, loadError: catalogue.error.message });
      return;
    }
    this.setData({ loading: false, rows: catalogue.data.items.map(row) });
  },
});
