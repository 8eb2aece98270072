import fs from 'node:fs';
import path from 'node:path';
import { NOTICE_KINDS, subscriptionTemplatesSchema } from '../domain/notifications';
import { TemplateRegistry } from './openapi/subscribe-message';
import { PROJECT_ROOT } from './schema';

/**
 * The fake's template registry, built from the same config/subscription-templates.json the
 * functions bundle: it then enforces exactly the configured keys and field types (47003 otherwise).
 */
export function readTemplateRegistry(file = path.join(PROJECT_ROOT, 'config', 'subscription-templates.json')): TemplateRegistry {
  const parsed = subscriptionTemplatesSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const registry: TemplateRegistry = {};
  for (const kind of NOTICE_KINDS) {
    const template = parsed.data[kind];
    const fields: TemplateRegistry[string]['fields'] = {};
    for (const field of Object.values(template.fields)) if (field) fields[field.key] = field.type;
    registry[template.id] = { title: template.title, fields };
  }
  return registry;
}
