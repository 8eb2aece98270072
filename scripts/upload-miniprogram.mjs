#!/usr/bin/env node
/**
 * `npm run upload` / `npm run preview:qr`: builds the mini-program for the deployed environment and
 * sends it to WeChat with miniprogram-ci (WeChat's own upload tool, a dev dependency of the repo, never
 * part of the mini-program package).
 *
 *   YOULIN_APPID        the mini-program's AppID (mp.weixin.qq.com → 开发管理 → 开发设置)
 *   YOULIN_UPLOAD_KEY   path to the code-upload private key downloaded there (keep it outside the repo)
 *   YOULIN_ENV_ID       the CloudBase environment id the app calls (the one `npm run deploy` targets)
 *   YOULIN_VERSION      optional: the version shown in the admin console (default package.json's)
 *   YOULIN_UPLOAD_DESC  optional: the note shown beside it
 *
 * WeChat accepts uploads only from IP addresses on the key's allow-list (开发设置 → 小程序代码上传 →
 * IP白名单), unless the list is switched off there.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const mode = process.argv[2] === 'preview' ? 'preview' : 'upload';

function fail(message) {
  console.error(`${mode} failed: ${message}`);
  process.exit(1);
}

const { YOULIN_APPID: appid, YOULIN_UPLOAD_KEY: keyPath, YOULIN_ENV_ID: envId } = process.env;
if (!appid || !/^wx[0-9a-f]{16}$/.test(appid)) fail('set YOULIN_APPID to the mini-program AppID (wx followed by 16 hex digits)');
if (!keyPath || !fs.existsSync(keyPath)) fail('set YOULIN_UPLOAD_KEY to the path of the code-upload private key (开发管理 → 开发设置 → 小程序代码上传)');
if (path.resolve(keyPath).startsWith(root + path.sep)) fail('keep the upload key outside the repository');
if (!envId) fail('set YOULIN_ENV_ID to the CloudBase environment id, so the app calls the deployed functions and not the local emulator');

let ci;
try {
  ci = createRequire(import.meta.url)('miniprogram-ci');
} catch {
  fail('miniprogram-ci is not installed: run `npm install` in the repository (it is a pinned dev dependency)');
}

// The build writes YOULIN_ENV_ID into miniprogram/generated/cloud-env.js, which app.ts reads.
const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--quiet'], { stdio: 'inherit', env: process.env });
if (build.status !== 0) fail('the build failed');

const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const project = new ci.Project({
  appid,
  type: 'miniProgram',
  projectPath: root,
  privateKeyPath: keyPath,
  // Only miniprogram/ is the mini-program (project.config.json's miniprogramRoot); the rest never goes.
  ignores: ['node_modules/**/*', 'cloudfunctions/**/*', 'emulator/**/*', 'tests/**/*', 'dist/**/*', '**/*.d.ts', '**/tsconfig.json'],
});
const common = {
  project,
  version: process.env.YOULIN_VERSION || pkg.version,
  desc: process.env.YOULIN_UPLOAD_DESC || `友邻圈 ${envId}`,
  setting: { es6: true, minify: true, minifyWXML: true, minifyWXSS: true },
  robot: 1,
  onProgressUpdate: () => undefined,
};
try {
  if (mode === 'upload') {
    const result = await ci.upload(common);
    console.log(`uploaded version ${common.version} for ${envId}: submit it for review in the admin console (版本管理).`, JSON.stringify(result.subPackageInfo ?? []));
  } else {
    const dest = path.join(root, 'preview-qr.jpg');
    await ci.preview({ ...common, qrcodeFormat: 'image', qrcodeOutputDest: dest });
    console.log(`preview QR code written to ${path.relative(process.cwd(), dest)}: scan it with a WeChat account that is a developer or tester of the mini-program.`);
  }
} catch (error) {
  const text = String((error && error.message) || error);
  const hint = /ip|白名单/i.test(text) ? " (is this machine's public IP on the upload key's IP allow-list?)" : '';
  fail(`${text}${hint}`);
}
