/** Every page of the mini-program, main package first, then each subpackage, as app.json lists them. */
import fs from 'node:fs';
import path from 'node:path';
import type { AppJson } from './frame';

export const MINIPROGRAM = path.resolve(__dirname, '..', '..', 'miniprogram');

export function readApp(root = MINIPROGRAM): AppJson {
  return JSON.parse(fs.readFileSync(path.join(root, 'app.json'), 'utf8')) as AppJson;
}

export function allRoutes(app: AppJson): string[] {
  return [...app.pages, ...(app.subpackages ?? []).flatMap((sub) => sub.pages.map((p) => `${sub.root}/${p}`))];
}
