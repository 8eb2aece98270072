import { SubscriptionTemplates, subscriptionTemplatesSchema } from '../domain/notifications';
import configured from '../config/subscription-templates.json';

/**
 * The subscription-message templates, from configuration (the build bundles the JSON into each
 * function that imports this). Parsed when the function loads, so a broken file stops it at once
 * rather than failing every send with 47003.
 */
export const TEMPLATES: SubscriptionTemplates = subscriptionTemplatesSchema.parse(configured);
