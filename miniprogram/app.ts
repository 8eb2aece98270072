/**
 * 友邻圈 app entry. The cloud environment is initialised only where the base
 * library provides `wx.cloud` (it is absent in unit-test simulators and in very
 * old base libraries); `env` is the CloudBase environment id to call.
 */
const CLOUD_ENV = 'youlin-circle-dev';

App<IAppOption>({
  globalData: { cloudEnv: CLOUD_ENV },
  onLaunch() {
    if (wx.cloud) {
      wx.cloud.init({ env: this.globalData.cloudEnv, traceUser: true });
    }
  },
});
