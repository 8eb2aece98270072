#!/usr/bin/env node
/**
 * Compiles every .wxml and .wxss of the mini-program with WeChat's own
 * compilers (wcc / wcsc, shipped by the `miniprogram-compiler` package) to
 * catch template and style syntax errors offline.
 *
 * Files are found by walking app.json (pages, subpackages, usingComponents,
 * recursively) and then every other .wxml/.wxss under the root ("stray" files).
 * Each .wxml is compiled on its own; each .wxss with the files it @imports.
 *
 *   node scripts/compile-miniprogram.mjs [root]     (root defaults to miniprogram/)
 *
 * Exit 0 printing `compiled N wxml, M wxss`, or exit 1 listing each error as
 * `file: compiler message`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
// The package's wrappers locate the platform binary, set its run bit and spawn it.
// Its public wxssToJs swallows wcsc's error, so the two wrappers are used directly.
const wcc = require('miniprogram-compiler/src/wcc.js');
const wcsc = require('miniprogram-compiler/src/wcsc.js');

const MAX_BUFFER = 64 * 1024 * 1024;
const SKIP_DIRS = new Set(['node_modules']);

const toPosix = (p) => p.split(path.sep).join('/');
const stripExt = (p) => p.replace(/\.[^./]+$/, '');

/** Every file under `dir` (relative, posix) whose name ends with one of `exts`. */
function walk(root, exts, dir = '') {
  const out = [];
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    if (entry.name.startsWith('.') || SKIP_DIRS.has(entry.name)) continue;
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...walk(root, exts, rel));
    else if (exts.some((ext) => entry.name.endsWith(ext))) out.push(rel);
  }
  return out;
}

function readJson(root, rel, errors) {
  const abs = path.join(root, rel);
  if (!existsSync(abs)) return null;
  try {
    return JSON.parse(readFileSync(abs, 'utf8'));
  } catch (err) {
    errors.push({ file: rel, message: `invalid JSON: ${err.message}` });
    return null;
  }
}

/** Resolves a usingComponents value seen in `fromRel` (a path without extension) to a root-relative path. */
function resolveComponent(root, fromRel, value) {
  if (value.startsWith('plugin://') || value.startsWith('plugin-private://')) return null;
  const fromDir = path.posix.dirname(fromRel);
  const candidates = [];
  if (value.startsWith('/')) candidates.push(value.slice(1));
  else if (value.startsWith('.')) candidates.push(path.posix.join(fromDir, value));
  else {
    candidates.push(path.posix.join(fromDir, value));
    // npm components: miniprogram_npm in this folder or any folder above it.
    for (let dir = fromDir; ; dir = path.posix.dirname(dir)) {
      candidates.push(path.posix.join(dir === '.' ? '' : dir, 'miniprogram_npm', value));
      if (dir === '.' || dir === '/' || dir === '') break;
    }
  }
  for (const c of candidates) {
    const rel = path.posix.normalize(c);
    if (existsSync(path.join(root, `${rel}.json`))) return rel;
    // `pkg` may name a folder whose entry is pkg/index
    if (existsSync(path.join(root, rel, 'index.json'))) return `${rel}/index`;
  }
  return undefined;
}

/** Pages and components reachable from app.json, as root-relative paths without extension. */
function walkAppJson(root, errors) {
  const app = readJson(root, 'app.json', errors);
  if (!app) return [];
  const found = new Set();
  const queue = [];
  const pages = [...(app.pages ?? [])];
  for (const sub of [...(app.subpackages ?? []), ...(app.subPackages ?? [])]) {
    for (const p of sub.pages ?? []) pages.push(path.posix.join(sub.root, p));
  }
  for (const p of pages) queue.push({ rel: p, kind: 'page', from: 'app.json' });

  const enqueueUsing = (using, fromRel, fromFile) => {
    for (const [tag, value] of Object.entries(using ?? {})) {
      const rel = resolveComponent(root, fromRel, String(value));
      if (rel === null) continue;
      if (rel === undefined) {
        errors.push({ file: fromFile, message: `usingComponents "${tag}": cannot find component "${value}"` });
        continue;
      }
      queue.push({ rel, kind: 'component', from: fromFile });
    }
  };
  enqueueUsing(app.usingComponents, 'app', 'app.json');

  while (queue.length) {
    const { rel, kind, from } = queue.shift();
    if (found.has(rel)) continue;
    found.add(rel);
    if (!existsSync(path.join(root, `${rel}.wxml`))) {
      errors.push({ file: from, message: `${kind} "${rel}" has no ${rel}.wxml` });
    }
    if (!['.ts', '.js'].some((ext) => existsSync(path.join(root, `${rel}${ext}`)))) {
      errors.push({ file: from, message: `${kind} "${rel}" has no ${rel}.ts or .js` });
    }
    const json = readJson(root, `${rel}.json`, errors);
    if (kind === 'component' && !json?.component) {
      errors.push({ file: `${rel}.json`, message: 'a component needs "component": true' });
    }
    enqueueUsing(json?.usingComponents, rel, `${rel}.json`);
  }
  return [...found];
}

/** The .wxss files `rel` pulls in with @import, transitively (root-relative, with extension). */
function wxssClosure(root, rel, seen = new Set()) {
  if (seen.has(rel)) return seen;
  seen.add(rel);
  const abs = path.join(root, rel);
  if (!existsSync(abs)) return seen;
  const source = readFileSync(abs, 'utf8');
  for (const m of source.matchAll(/@import\s+(?:"([^"]+)"|'([^']+)')/g)) {
    const target = m[1] ?? m[2];
    const next = target.startsWith('/') ? path.posix.normalize(target.slice(1)) : path.posix.join(path.posix.dirname(rel), target);
    wxssClosure(root, next, seen);
  }
  return seen;
}

/** The compiler names the failing file itself (a page's compile also compiles its components). */
function errorFile(message, fallback) {
  const m = /([\w@./\-]+\.(?:wxml|wxss|wxs))(?::\d+:\d+:|\(\d+:\d+\))/.exec(message);
  return m ? m[1].replace(/^\.\//, '') : fallback;
}

/**
 * Compiles every .wxml and .wxss under `root`.
 * @returns {{ wxml: string[], wxss: string[], errors: { file: string, message: string }[] }}
 */
export function compileTree(root) {
  root = path.resolve(root);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    return { wxml: [], wxss: [], errors: [{ file: root, message: 'not a folder' }] };
  }
  const errors = [];
  const seenMessages = new Set();
  const report = (fallback, message) => {
    const text = message
      .replace(/^编译 \.(wxml|wxss) 文件错误：/, '')
      .replace(/\s*error file count: \d+\s*$/, '')
      .replace(/^ERR: /, '')
      .trim();
    if (seenMessages.has(text)) return;
    seenMessages.add(text);
    errors.push({ file: errorFile(text, fallback), message: text });
  };

  const reachable = walkAppJson(root, errors);
  const wxml = new Set(reachable.filter((rel) => existsSync(path.join(root, `${rel}.wxml`))).map((rel) => `${rel}.wxml`));
  const wxss = new Set(reachable.filter((rel) => existsSync(path.join(root, `${rel}.wxss`))).map((rel) => `${rel}.wxss`));
  if (existsSync(path.join(root, 'app.wxss'))) wxss.add('app.wxss');
  for (const f of walk(root, ['.wxml'])) wxml.add(f);
  for (const f of walk(root, ['.wxss'])) wxss.add(f);
  const wxs = walk(root, ['.wxs']);

  for (const file of [...wxml].sort()) {
    try {
      wcc(root, [stripExt(file)], wxs, { maxBuffer: MAX_BUFFER });
    } catch (err) {
      report(file, String(err.message ?? err));
    }
  }
  for (const file of [...wxss].sort()) {
    const list = [...wxssClosure(root, file)].map(stripExt);
    const result = wcsc(root, list, { maxBuffer: MAX_BUFFER });
    if (result instanceof Error) report(file, result.message);
  }
  return { wxml: [...wxml].map(toPosix).sort(), wxss: [...wxss].map(toPosix).sort(), errors };
}

function main() {
  const scriptDir = path.dirname(fileURLToPath(import.meta.url));
  const root = process.argv[2] ? path.resolve(process.argv[2]) : path.join(scriptDir, '..', 'miniprogram');
  const { wxml, wxss, errors } = compileTree(root);
  if (errors.length) {
    for (const { file, message } of errors) console.error(`${file}: ${message}`);
    console.error(`mini-program compile failed: ${errors.length} error(s)`);
    process.exit(1);
  }
  console.log(`compiled ${wxml.length} wxml, ${wxss.length} wxss`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
