/**
 * The two ways an event reaches a function: `wx.cloud.callFunction` in the cloud, `wx.request` to the
 * emulator locally. Either way the caller gets a Delivery, never an exception, and never waits longer
 * than CALL_TIMEOUT_MS (locally, than the target's `timeoutMs` when a slow machine sets one).
 */
export const CALL_TIMEOUT_MS = 10000;

/** The event every function receives (domain/contract `eventSchema`). */
export interface FunctionEvent {
  action: string;
  data: unknown;
  idempotencyKey?: string;
}

export type Delivery =
  | { ok: true; body: unknown }
  /** network: never reached the function; timeout: no answer in time; server: the platform answered with an error instead of the function. */
  | { ok: false; reason: 'network' | 'timeout' | 'server'; detail: string };

function deliver(send: (settle: (delivery: Delivery) => void) => void, timeoutMs = CALL_TIMEOUT_MS): Promise<Delivery> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (delivery: Delivery) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(delivery);
    };
    // Our own deadline too: a callback that never comes must not leave a page spinning.
    const timer = setTimeout(() => settle({ ok: false, reason: 'timeout', detail: `no answer in ${timeoutMs} ms` }), timeoutMs);
    try {
      send(settle);
    } catch (error) {
      settle({ ok: false, reason: 'network', detail: String(error) });
    }
  });
}

const isTimeout = (errMsg: string) => /timeout|超时/i.test(errMsg);

export function viaCloud(fn: string, event: FunctionEvent): Promise<Delivery> {
  return deliver((settle) => {
    wx.cloud.callFunction({
      name: fn,
      data: { ...event },
      success: (res) => settle({ ok: true, body: res.result }),
      fail: (err) => settle({ ok: false, reason: isTimeout(err.errMsg) ? 'timeout' : 'server', detail: err.errMsg }),
    });
  });
}

export function viaLocal(target: { baseUrl: string; openid: string; timeoutMs?: number }, fn: string, event: FunctionEvent): Promise<Delivery> {
  const timeoutMs = target.timeoutMs ?? CALL_TIMEOUT_MS;
  return deliver((settle) => {
    wx.request({
      url: `${target.baseUrl}/functions/${fn}`,
      method: 'POST',
      data: { ...event },
      header: { 'content-type': 'application/json', 'x-openid': target.openid },
      dataType: 'json',
      timeout: timeoutMs,
      success: (res) => {
        // 502/404 mean the function crashed, timed out or does not exist: the platform's error, not the function's answer.
        if (res.statusCode === 200) settle({ ok: true, body: res.data });
        else settle({ ok: false, reason: 'server', detail: `HTTP ${res.statusCode}` });
      },
      fail: (err) => settle({ ok: false, reason: isTimeout(err.errMsg) ? 'timeout' : 'network', detail: err.errMsg }),
    });
  }, timeoutMs);
}
