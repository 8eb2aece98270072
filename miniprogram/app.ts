/**
 * 友邻圈 app entry. The cloud environment is initialised only where the base
 * library provides `wx.cloud` (it is absent in unit-test simulators and in very
 * old base libraries); `env` is the CloudBase environment id to call, written by
 * the build from YOULIN_ENV_ID (see README: Deploy to your CloudBase environment).
 *
 * Nothing here waits: elder mode reads its stored choice in the background, and
 * WeChat's privacy requests are routed to the page's privacy dialog.
 */
import { startDisplay } from './services/display/display';
import { listenForPrivacyRequests } from './services/privacy/privacy';
import { CLOUD_ENV } from './generated/cloud-env';

App<IAppOption>({
  globalData: { cloudEnv: CLOUD_ENV },
  onLaunch() {
    if (wx.cloud) {
      wx.cloud.init({ env: this.globalData.cloudEnv, traceUser: true });
    }
    listenForPrivacyRequests();
    void startDisplay();
  },
});
