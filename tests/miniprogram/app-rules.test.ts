/**
 * Rules every page of the mini-program keeps, read from its source: what a resident would otherwise
 * meet as a slow first screen, a page that ignores elder mode, or a privacy API called before the
 * agreement could be shown.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { MINIPROGRAM_ROOT } from './simulate';

const read = (rel: string) => readFileSync(path.join(MINIPROGRAM_ROOT, rel), 'utf8');
const appJson = JSON.parse(read('app.json'));

/** Every page route, main package and subpackages. */
const pages: string[] = [...appJson.pages, ...(appJson.subpackages ?? []).flatMap((p: { root: string; pages: string[] }) => p.pages.map((page) => `${p.root}/${page}`))];

/** Our own sources: not the copied TDesign components, not generated bundles. */
function sources(dir = MINIPROGRAM_ROOT): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === 'miniprogram_npm' || name === 'generated' || name === 'node_modules') return [];
    if (statSync(full).isDirectory()) return sources(full);
    return /\.(ts|wxml)$/.test(name) ? [path.relative(MINIPROGRAM_ROOT, full)] : [];
  });
}

/** Our components (not pages), as paths without extension. */
function components(): string[] {
  return sources()
    .filter((rel) => rel.endsWith('.ts') && rel.includes('components/') && existsSync(path.join(MINIPROGRAM_ROOT, rel.replace(/\.ts$/, '.json'))))
    .map((rel) => rel.replace(/\.ts$/, ''))
    .filter((unit) => JSON.parse(read(`${unit}.json`)).component === true);
}

/** Components that use a privacy API, through a helper or directly. */
const askingComponents = () => components().filter((unit) => /\b(locate|chooseImages)\(/.test(read(`${unit}.ts`)) || PRIVACY_APIS.test(read(`${unit}.ts`)));

function hasDialog(page: string): boolean {
  const json = JSON.parse(read(`${page}.json`));
  return !!json.usingComponents?.['privacy-dialog'] && /<privacy-dialog\b/.test(read(`${page}.wxml`));
}

/**
 * WeChat's privacy APIs the pages call: the location and media ones, and the clipboard
 * (setClipboardData answers "fail api scope is not declared in the privacy agreement", errno 112,
 * until 剪切板 / privacy_key Clipboard is declared in the privacy guideline; WeChat open-platform
 * docs, setPrivacySetting's privacy_key list, and 小程序隐私协议开发指南).
 */
const PRIVACY_APIS = /wx\.(getLocation|chooseLocation|chooseMedia|chooseImage|startLocationUpdate|getFuzzyLocation|setClipboardData|getClipboardData)\(/;

test('code is loaded per component as it is needed', () => {
  expect(appJson.lazyCodeLoading).toBe('requiredComponents');
});

test('every page has its four files', () => {
  for (const page of pages) {
    for (const ext of ['ts', 'wxml', 'wxss', 'json']) expect(existsSync(path.join(MINIPROGRAM_ROOT, `${page}.${ext}`))).toBe(true);
  }
});

test('no synchronous storage call anywhere, so no first render waits on storage', () => {
  const offenders = sources().filter((rel) => rel.endsWith('.ts') && /wx\.(get|set|remove)Storage(Info)?Sync\(/.test(read(rel)));
  expect(offenders).toEqual([]);
});

test('every image is lazy-loaded', () => {
  const offenders = sources()
    .filter((rel) => rel.endsWith('.wxml'))
    .flatMap((rel) => (read(rel).match(/<image(?=[\s/>])[^>]*>/g) ?? []).filter((tag) => !/lazy-load/.test(tag)).map((tag) => `${rel}: ${tag}`));
  expect(offenders).toEqual([]);
});

test('every page follows elder mode on its root view', () => {
  const offenders = pages.filter((page) => {
    const wxml = read(`${page}.wxml`);
    const ts = read(`${page}.ts`);
    // A list page gets elderMode() on load and on show from utils/paged-list's listEvents.
    return !/\{\{\s*elder\s*\?\s*'elder'/.test(wxml) || !/elderMode\(\)|\.\.\.listEvents\b/.test(ts);
  });
  expect(offenders).toEqual([]);
});

test('a page that calls a privacy API asks for the agreement first and has the dialog to ask with', () => {
  // The shared helpers ask first themselves (utils/device locate, services/storage chooseImages); a page calling a privacy API directly must.
  const helpersAsk = ['utils/device/device.ts', 'services/storage/storage.ts'].every((rel) => /ensurePrivacyAgreed\(\)/.test(read(rel)));
  expect(helpersAsk).toBe(true);
  const offenders = [...pages, ...components()].filter((unit) => {
    const ts = read(`${unit}.ts`);
    const direct = PRIVACY_APIS.test(ts);
    if (!direct && !/\b(locate|chooseImages)\(/.test(ts)) return false;
    if (direct && !/ensurePrivacyAgreed\(\)/.test(ts)) return true;
    // A component's dialog is the page's: the page that uses it must carry one.
    return pages.includes(unit) && !hasDialog(unit);
  });
  expect(offenders).toEqual([]);
  const pagesUsingAskingComponents = pages.filter((page) => {
    const json = JSON.parse(read(`${page}.json`));
    return Object.values<string>(json.usingComponents ?? {}).some((c) => askingComponents().includes(c.replace(/^\//, '').replace(/^(\.\.\/)+/, '')));
  });
  expect(pagesUsingAskingComponents.filter((page) => !hasDialog(page))).toEqual([]);
});

test('every location API the pages call is declared, as WeChat requires before it answers', () => {
  const used = new Set(
    sources().flatMap((rel) => [...read(rel).matchAll(/wx\.(getLocation|chooseLocation|getFuzzyLocation|choosePoi|chooseAddress|onLocationChange|startLocationUpdate)\(/g)].map((m) => m[1])),
  );
  for (const api of used) expect(appJson.requiredPrivateInfos).toContain(api);
  expect(appJson.permission?.['scope.userLocation']?.desc).toMatch(/[\u4e00-\u9fff]/);
});

test('every privacy API the sources call is declared in the privacy guideline, with its purpose', () => {
  // config/privacy-guideline.json is what the console's 用户隐私保护指引 must declare (README, deploy).
  const guideline = JSON.parse(readFileSync(path.join(MINIPROGRAM_ROOT, '..', 'config', 'privacy-guideline.json'), 'utf8'));
  const declared = new Map<string, string>(guideline.declarations.flatMap((d: { apis: string[]; purpose: string }) => d.apis.map((api) => [api, d.purpose])));
  const used = new Set(sources().flatMap((rel) => [...read(rel).matchAll(new RegExp(PRIVACY_APIS.source, 'g'))].map((m) => m[1])));
  expect(used).toContain('setClipboardData');
  for (const api of used) expect(declared.get(api)).toMatch(/[\u4e00-\u9fff]/);
});
