/** Landing page: the product name and the three entry tiles. */
interface EntryTile {
  key: string;
  title: string;
  subtitle: string;
  icon: string;
  url: string;
}

const TILES: EntryTile[] = [
  { key: 'circle', title: '友邻圈', subtitle: '邻里动态、社区通知与互助', icon: '邻', url: '/pages/circle/circle' },
  { key: 'service', title: '服务菜单', subtitle: '五大友邻系列，预约身边服务', icon: '服', url: '/pages/service/service' },
  { key: 'activity', title: '活动报名', subtitle: '社区活动、志愿服务与签到', icon: '活', url: '/pages/activity/activity' },
];

Page({
  data: {
    title: '友邻圈',
    description: '党建引领，邻里同心：社区服务、活动与互助一站办',
    tiles: TILES,
  },

  onTileTap(e: WechatMiniprogram.CustomEvent<{ key: string }>) {
    const tile = this.data.tiles.find((t) => t.key === e.detail.key);
    if (!tile) return;
    wx.navigateTo({ url: tile.url });
  },
});
