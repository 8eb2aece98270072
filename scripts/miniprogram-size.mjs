#!/usr/bin/env node
/**
 * The mini-program's package sizes as uploaded: every file under miniprogram/ that DevTools sends
 * (pages, components, generated/, miniprogram_npm/, images, .json/.wxml/.wxss/.wxs), grouped into the
 * main package and one entry per subpackage root in app.json. TypeScript is measured as the
 * JavaScript it compiles to (esbuild's TypeScript transform: types stripped, not minified, so an upper
 * bound of DevTools' minified output); .d.ts and tsconfig.json are not uploaded.
 *
 *   node scripts/miniprogram-size.mjs [--limit-kb 1024] [--json]
 *
 * Prints each package's size and its largest folders; exits 1 when a package is over the limit
 * (issue 6's budget: 1 MB each; the platform's limit is 2 MB). Run `npm run build` first: the sizes
 * include generated/ and miniprogram_npm/, which it writes.
 */
import { transformSync } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MP = path.join(root, 'miniprogram');
const KB = 1024;

const NOT_UPLOADED = [/\.d\.ts$/, /^tsconfig\.json$/, /\.map$/, /(^|\/)\./];

function walk(dir, rel = '') {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const r = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    if (entry.isDirectory()) out.push(...walk(path.join(dir, entry.name), r));
    else out.push(r);
  }
  return out;
}

/** Bytes the file takes in the upload. */
function uploadedBytes(rel) {
  const abs = path.join(MP, rel);
  if (!rel.endsWith('.ts')) return fs.statSync(abs).size;
  const { code } = transformSync(fs.readFileSync(abs, 'utf8'), { loader: 'ts', format: 'cjs', target: 'es2018', sourcefile: rel });
  return Buffer.byteLength(code, 'utf8');
}

export function measure() {
  const app = JSON.parse(fs.readFileSync(path.join(MP, 'app.json'), 'utf8'));
  const roots = [...(app.subpackages ?? []), ...(app.subPackages ?? [])].map((s) => s.root.replace(/^\/|\/$/g, ''));
  const packages = new Map([['main', { name: 'main', bytes: 0, files: 0, folders: new Map() }]]);
  for (const r of roots) packages.set(r, { name: r, bytes: 0, files: 0, folders: new Map() });
  for (const rel of walk(MP)) {
    if (NOT_UPLOADED.some((re) => re.test(rel))) continue;
    const owner = roots.find((r) => rel.startsWith(`${r}/`)) ?? 'main';
    const pkg = packages.get(owner);
    const bytes = uploadedBytes(rel);
    pkg.bytes += bytes;
    pkg.files += 1;
    // Folder two levels deep (pages/me, miniprogram_npm/tdesign-miniprogram) for the breakdown.
    const parts = rel.split('/');
    const folder = parts.length > 2 ? parts.slice(0, 2).join('/') : parts.length > 1 ? parts[0] : '(root)';
    pkg.folders.set(folder, (pkg.folders.get(folder) ?? 0) + bytes);
  }
  return [...packages.values()];
}

function main() {
  const i = process.argv.indexOf('--limit-kb');
  const limitKb = i > 0 ? Number(process.argv[i + 1]) : 1024;
  if (!fs.existsSync(path.join(MP, 'generated', 'domain.js'))) {
    console.error('miniprogram/generated is missing: run `npm run build` first');
    process.exit(1);
  }
  const packages = measure();
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(packages.map((p) => ({ name: p.name, bytes: p.bytes, files: p.files }))));
  } else {
    console.log(`mini-program packages (limit ${limitKb} KB each; .ts counted as compiled, unminified JS)`);
    for (const p of packages) {
      console.log(`  ${p.name.padEnd(20)} ${(p.bytes / KB).toFixed(1).padStart(8)} KB  ${String(p.files).padStart(4)} files`);
      const top = [...p.folders].sort((a, b) => b[1] - a[1]).slice(0, 6);
      console.log(`    ${top.map(([f, b]) => `${f} ${(b / KB).toFixed(1)} KB`).join(', ')}`);
    }
  }
  const over = packages.filter((p) => p.bytes > limitKb * KB);
  if (over.length) {
    for (const p of over) console.error(`package ${p.name} is ${(p.bytes / KB).toFixed(1)} KB, over the ${limitKb} KB budget`);
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
