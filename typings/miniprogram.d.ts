/**
 * Ambient types of the mini-program itself. The WeChat API typings
 * (miniprogram-api-typings) are pulled in by miniprogram/tsconfig.json
 * (`types`), not here: they redeclare `console`, `require`, `module` and
 * `exports`, so they must stay out of the Node project (root tsconfig.json).
 * Keep this file self-contained for the same reason.
 */

/** `App<IAppOption>()`'s options; `getApp<IAppOption>()` returns them. */
interface IAppOption {
  globalData: {
    /** CloudBase environment id passed to `wx.cloud.init`. */
    cloudEnv: string;
  };
}
