/**
 * The privacy agreement as a person meets it: the dialog (components/privacy-dialog) opens on the
 * page, and they tap 同意 or 不同意. Any page test whose page asks first can use these.
 */
import { SimComponent } from './simulate';
import { element } from './screen';

/** What WeChat answers wx.getPrivacySetting with, for a user who has not agreed yet (or has). */
export function privacySetting(needAuthorization: boolean): Record<string, unknown> {
  return {
    getPrivacySetting: ({ success }: { success(res: { needAuthorization: boolean; privacyContractName: string }): void }) =>
      setTimeout(() => success({ needAuthorization, privacyContractName: '《友邻圈隐私保护指引》' })),
  };
}

export const privacyDialogOpen = (page: SimComponent) => !!element(page, '#privacy-dialog').querySelector('.privacy-dialog');

/** Taps 同意: WeChat's agreePrivacyAuthorization button records the agreement and then tells the page. */
export function agreeToPrivacy(page: SimComponent): void {
  element(element(page, '#privacy-dialog'), '.privacy-dialog__agree').dispatchEvent('agreeprivacyauthorization');
}

export function declinePrivacy(page: SimComponent): void {
  element(element(page, '#privacy-dialog'), '.privacy-dialog__decline').dispatchEvent('tap');
}

/** For stories about something else: the user agreed long ago, and the answer comes at once. */
export const privacyAgreed: Record<string, unknown> = {
  getPrivacySetting: ({ success }: { success(res: { needAuthorization: boolean; privacyContractName: string }): void }) =>
    success({ needAuthorization: false, privacyContractName: '《友邻圈隐私保护指引》' }),
};
