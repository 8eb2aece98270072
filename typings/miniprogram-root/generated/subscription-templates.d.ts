// The types of miniprogram/generated/subscription-templates.js before the build has made it (see domain.d.ts beside this).
import type { ActionInput } from './domain';

type NoticeKind = keyof ActionInput<'user', 'recordConsents'>['results'];

/** Each notice kind's subscription-message template id (config/subscription-templates.json). */
export declare const SUBSCRIPTION_TEMPLATE_IDS: Readonly<Record<NoticeKind, string>>;
