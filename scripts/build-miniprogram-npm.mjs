#!/usr/bin/env node
/**
 * What WeChat DevTools' 构建npm does, for the npm components the mini-program uses, and no more:
 * copies into miniprogram/miniprogram_npm/<package>/ only the files reachable from the components
 * that some page or component declares in `usingComponents` (e.g. `tdesign-miniprogram/button/button`).
 *
 * Reachable means: the component's .js/.json/.wxml/.wxss, and then, transitively, every file they
 * name: `usingComponents` in .json, `import`/`require` in .js and .wxs, `<import>`/`<include>`/`<wxs>`
 * in .wxml, `@import` in .wxss. A bare import (`tslib`) resolves the way the mini-program resolves it:
 * to a `miniprogram_npm/<name>` folder in the importing file's folder or one above it, inside the
 * package's own miniprogram_dist (TDesign ships its tslib there).
 *
 * project.config.json's `packNpmManually`/`packNpmRelationList` point DevTools at the same layout, so
 * a developer who presses 构建npm gets the whole package in the same place; this script's copy is
 * what tests compile and render, and what the size check measures.
 *
 *   node scripts/build-miniprogram-npm.mjs [--quiet]
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MP = path.join(root, 'miniprogram');
const OUT = path.join(MP, 'miniprogram_npm');
const SOURCE_EXTS = ['.js', '.json', '.wxml', '.wxss', '.wxs'];
const SKIP_DIRS = new Set(['node_modules', 'miniprogram_npm', 'generated']);

/** Every .json of the mini-program's own pages and components (app.json included). */
function ownJsonFiles(dir = MP) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || SKIP_DIRS.has(entry.name)) continue;
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...ownJsonFiles(abs));
    else if (entry.name.endsWith('.json')) out.push(abs);
  }
  return out;
}

/** `tdesign-miniprogram/button/button` → { pkg: 'tdesign-miniprogram', rest: 'button/button' }. */
function splitPackage(spec) {
  const parts = spec.split('/');
  const n = spec.startsWith('@') ? 2 : 1;
  return { pkg: parts.slice(0, n).join('/'), rest: parts.slice(n).join('/') };
}

/** The folder a package's mini-program files live in (package.json `miniprogram`, default miniprogram_dist). */
function distOf(pkg) {
  const dir = path.join(root, 'node_modules', pkg);
  const manifest = path.join(dir, 'package.json');
  if (!fs.existsSync(manifest)) throw new Error(`usingComponents names ${pkg}, which is not installed (npm install)`);
  const json = JSON.parse(fs.readFileSync(manifest, 'utf8'));
  const dist = path.join(dir, json.miniprogram || 'miniprogram_dist');
  if (!fs.existsSync(dist)) throw new Error(`${pkg} has no ${json.miniprogram || 'miniprogram_dist'} folder: not a mini-program npm package`);
  return dist;
}

/** The npm components the mini-program's own json files declare: { pkg → Set(rest) }. */
export function usedNpmComponents() {
  const used = new Map();
  for (const file of ownJsonFiles()) {
    let json;
    try {
      json = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch {
      continue; // compile-miniprogram reports invalid JSON
    }
    for (const value of Object.values(json.usingComponents ?? {})) {
      const spec = String(value);
      if (spec.startsWith('/') || spec.startsWith('.') || spec.includes('://')) continue;
      // A bare name that is a folder of the mini-program itself is not an npm component.
      if (fs.existsSync(path.join(path.dirname(file), `${spec}.json`))) continue;
      const { pkg, rest } = splitPackage(spec);
      if (!used.has(pkg)) used.set(pkg, new Set());
      used.get(pkg).add(rest);
    }
  }
  return used;
}

/** The first existing file for `base` (a path that may lack its extension, or name a folder with index). */
function existing(base, exts) {
  if (fs.existsSync(base) && fs.statSync(base).isFile()) return base;
  for (const ext of exts) if (fs.existsSync(base + ext)) return base + ext;
  for (const ext of exts) if (fs.existsSync(path.join(base, `index${ext}`))) return path.join(base, `index${ext}`);
  return null;
}

/** A bare module name seen in `fromFile`: the nearest miniprogram_npm/<name> at or above its folder, inside `dist`. */
function resolveBare(dist, fromFile, spec) {
  for (let dir = path.dirname(fromFile); dir.startsWith(dist); dir = path.dirname(dir)) {
    const found = existing(path.join(dir, 'miniprogram_npm', spec), ['.js']);
    if (found) return found;
    if (dir === dist) break;
  }
  return null;
}

/** The files `file` names, as [spec, kind] pairs; kind chooses how a spec without extension resolves. */
function references(file) {
  const text = fs.readFileSync(file, 'utf8');
  const ext = path.extname(file);
  const refs = [];
  if (ext === '.json') {
    const json = JSON.parse(text);
    for (const v of Object.values(json.usingComponents ?? {})) refs.push([String(v), 'component']);
  } else if (ext === '.js' || ext === '.wxs') {
    for (const m of text.matchAll(/\b(?:from|import)\s*["']([^"']+)["']|\brequire\(\s*["']([^"']+)["']\s*\)/g)) refs.push([m[1] ?? m[2], ext === '.wxs' ? 'wxs' : 'js']);
  } else if (ext === '.wxml') {
    for (const m of text.matchAll(/<(import|include|wxs)\b[^>]*\bsrc\s*=\s*["']([^"']+)["']/g)) refs.push([m[2], m[1] === 'wxs' ? 'wxs' : 'wxml']);
  } else if (ext === '.wxss') {
    for (const m of text.matchAll(/@import\s+["']([^"']+)["']/g)) refs.push([m[1], 'wxss']);
  }
  return refs;
}

const EXTS_BY_KIND = { js: ['.js'], wxs: ['.wxs'], wxml: ['.wxml'], wxss: ['.wxss'] };

/**
 * TDesign's icon/icon.wxss holds a rule for each of its 2,352 glyphs (≈110 KB), and every component
 * that can show an icon pulls it in. The copy keeps its font face and base rules and only the glyphs
 * that can appear: those named in the copied components' own code (t-cell's `arrow` is chevron-right)
 * and those the mini-program's own wxml names on a TDesign tag. An icon given as an expression
 * (`icon="{{…}}"`), which could be any glyph, keeps the whole file.
 */
const GLYPH_RULE = /^\.t-icon-([\w-]+):before\{/;
const ICON_ATTRIBUTES = /\b(icon|left-icon|right-icon|prefix-icon|suffix-icon|arrow|name)\s*=\s*["']([^"']*)["']/g;

function glyphsShown(files) {
  const names = new Set();
  for (const file of files) {
    if (!/\.(js|wxml|wxs)$/.test(file)) continue;
    for (const m of fs.readFileSync(file, 'utf8').matchAll(/["']([a-z][a-z0-9-]*)["']/g)) names.add(m[1]);
  }
  for (const file of ownFiles('.wxml')) {
    for (const tag of fs.readFileSync(file, 'utf8').matchAll(/<(t-[\w-]+)\b[^>]*>/g)) {
      for (const [, attribute, value] of tag[0].matchAll(ICON_ATTRIBUTES)) {
        if (attribute === 'name' && tag[1] !== 't-icon') continue;
        if (value.includes('{{')) return null;
        names.add(value);
      }
    }
  }
  return names;
}

function trimGlyphs(wxss, shown) {
  return wxss
    .split('\n')
    .filter((rule) => {
      const glyph = GLYPH_RULE.exec(rule);
      return !glyph || shown.has(glyph[1]);
    })
    .join('\n');
}

/** Every file of the mini-program's own pages and components ending in `ext`. */
function ownFiles(ext, dir = MP) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || SKIP_DIRS.has(entry.name)) continue;
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...ownFiles(ext, abs));
    else if (entry.name.endsWith(ext)) out.push(abs);
  }
  return out;
}

/** Copies `pkg`'s components `rests` and everything they reach into miniprogram_npm/<pkg>; returns bytes copied. */
function copyPackage(pkg, rests) {
  const dist = distOf(pkg);
  const files = new Set();
  const queue = [];
  const addComponent = (base, from) => {
    const json = `${base}.json`;
    if (!fs.existsSync(json)) throw new Error(`${from}: cannot find component ${path.relative(root, base)}`);
    for (const ext of SOURCE_EXTS) if (fs.existsSync(base + ext)) queue.push(base + ext);
  };
  for (const rest of rests) addComponent(path.join(dist, rest), `usingComponents "${pkg}/${rest}"`);

  while (queue.length) {
    const file = queue.shift();
    if (files.has(file)) continue;
    files.add(file);
    for (const [spec, kind] of references(file)) {
      if (spec.includes('://')) continue;
      if (kind === 'component') {
        const base = spec.startsWith('/') ? null : path.join(path.dirname(file), spec);
        if (!base) throw new Error(`${path.relative(root, file)}: absolute component path ${spec} inside an npm package`);
        addComponent(base, path.relative(root, file));
        continue;
      }
      const relative = spec.startsWith('.') || spec.startsWith('/');
      const target = relative ? existing(path.join(spec.startsWith('/') ? dist : path.dirname(file), spec), EXTS_BY_KIND[kind]) : resolveBare(dist, file, spec);
      if (!target) throw new Error(`${path.relative(root, file)}: cannot resolve "${spec}"`);
      queue.push(target);
    }
  }

  const outDir = path.join(OUT, pkg);
  fs.rmSync(outDir, { recursive: true, force: true });
  const iconStyles = path.join(dist, 'icon', 'icon.wxss');
  const glyphs = files.has(iconStyles) ? glyphsShown(files) : null;
  let bytes = 0;
  for (const file of files) {
    const to = path.join(outDir, path.relative(dist, file));
    fs.mkdirSync(path.dirname(to), { recursive: true });
    if (file === iconStyles && glyphs) fs.writeFileSync(to, trimGlyphs(fs.readFileSync(file, 'utf8'), glyphs));
    else fs.copyFileSync(file, to);
    bytes += fs.statSync(to).size;
  }
  return { files: files.size, bytes };
}

export function buildMiniprogramNpm() {
  const used = usedNpmComponents();
  // Packages no longer used go, so the folder always mirrors the declarations.
  if (fs.existsSync(OUT)) {
    for (const entry of fs.readdirSync(OUT)) {
      const names = entry.startsWith('@') ? fs.readdirSync(path.join(OUT, entry)).map((n) => `${entry}/${n}`) : [entry];
      for (const name of names) if (!used.has(name)) fs.rmSync(path.join(OUT, name), { recursive: true, force: true });
    }
  }
  const report = [];
  for (const [pkg, rests] of used) report.push({ pkg, components: [...rests].sort(), ...copyPackage(pkg, rests) });
  return report;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const report = buildMiniprogramNpm();
  if (!process.argv.includes('--quiet')) {
    for (const r of report) console.log(`miniprogram_npm/${r.pkg}: ${r.components.join(', ')} → ${r.files} files, ${(r.bytes / 1024).toFixed(1)} KB`);
  }
}
