import cloud from 'wx-server-sdk';

let initialised = false;

/** The SDK, initialised once per instance for the environment the function runs in. */
export function sdk(): typeof cloud {
  if (!initialised) {
    // wx-server-sdk's typings declare DYNAMIC_CURRENT_ENV as a symbol init() does not accept; it does.
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
    initialised = true;
  }
  return cloud;
}

let db: ReturnType<typeof cloud.database> | undefined;
/** One database object per instance, as CloudBase's examples keep it: the SDK makes a new class for each. */
export function database(): ReturnType<typeof cloud.database> {
  return (db ??= sdk().database());
}

/** The caller, only ever from the platform's context: never from the event. */
export function callerOpenid(): string | null {
  const openid: unknown = sdk().getWXContext().OPENID;
  return typeof openid === 'string' && openid.length > 0 ? openid : null;
}
