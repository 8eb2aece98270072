/**
 * scripts/compile-miniprogram.mjs runs WeChat's real wcc/wcsc. It is an ES
 * module, which jest's CommonJS runtime cannot load, so its exported
 * compileTree() and its command line are run in a child Node process.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const SCRIPT = path.resolve(__dirname, '..', '..', 'scripts', 'compile-miniprogram.mjs');

interface CompileResult {
  wxml: string[];
  wxss: string[];
  errors: { file: string; message: string }[];
}

function compileTree(root: string): CompileResult {
  const code = 'const { compileTree } = await import(process.argv[1]); console.log(JSON.stringify(compileTree(process.argv[2])));';
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', code, pathToFileURL(SCRIPT).href, root], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as CompileResult;
}

function cli(root?: string) {
  return spawnSync(process.execPath, [SCRIPT, ...(root ? [root] : [])], { encoding: 'utf8' });
}

const dirs: string[] = [];
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'mp-compile-'));
  dirs.push(root);
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), content);
  }
  return root;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const GOOD_APP = {
  'app.json': JSON.stringify({ pages: ['pages/home/home'] }),
  'app.wxss': 'page { --brand: #c8161d; color: var(--brand); }\n',
  'pages/home/home.json': JSON.stringify({ usingComponents: { 'x-card': '/components/card/card' } }),
  'pages/home/home.ts': 'Page({});\n',
  'pages/home/home.wxml': '<view wx:for="{{items}}" wx:key="id"><x-card title="{{item.title}}" /></view>\n',
  'pages/home/home.wxss': '@import "../../styles/base.wxss";\n.home { padding: 24rpx; }\n',
  'styles/base.wxss': '.muted { color: #666; }\n',
  'components/card/card.json': JSON.stringify({ component: true, usingComponents: {} }),
  'components/card/card.ts': 'Component({});\n',
  'components/card/card.wxml': '<view class="card">{{title || "—"}}</view>\n',
  'components/card/card.wxss': '.card { border-radius: 16rpx; }\n',
};

test('a good tree compiles: pages, components, imports and stray files', () => {
  const root = tree({ ...GOOD_APP, 'stray/note.wxml': '<text>{{a ? b : c}}</text>\n' });
  const result = compileTree(root);
  expect(result.errors).toEqual([]);
  expect(result.wxml).toEqual(['components/card/card.wxml', 'pages/home/home.wxml', 'stray/note.wxml']);
  expect(result.wxss).toEqual(['app.wxss', 'components/card/card.wxss', 'pages/home/home.wxss', 'styles/base.wxss']);

  const run = cli(root);
  expect(run.status).toBe(0);
  expect(run.stdout.trim()).toBe('compiled 3 wxml, 4 wxss');
});

test('WXML syntax errors are reported with the file and the compiler message', () => {
  const root = tree({
    ...GOOD_APP,
    'components/card/card.wxml': '<view class="card"><text>{{title}}</view>\n',
    'stray/optional.wxml': '<view>{{a?.b}}</view>\n',
  });
  const { errors } = compileTree(root);
  expect(errors).toEqual([
    { file: 'components/card/card.wxml', message: expect.stringContaining('expect end-tag `text`') },
    { file: 'stray/optional.wxml', message: expect.stringContaining('unexpected token `.`') },
  ]);
});

test('WXSS syntax errors and missing imports are reported', () => {
  const root = tree({
    ...GOOD_APP,
    'components/card/card.wxss': '.card { color: red;\n',
    'pages/home/home.wxss': '@import "../../styles/nope.wxss";\n',
  });
  const { errors } = compileTree(root);
  expect(errors.map((e) => e.file)).toEqual(['components/card/card.wxss', 'pages/home/home.wxss']);
  expect(errors[0].message).toMatch(/card\.wxss\(\d+:\d+\)/);
  expect(errors[1].message).toContain('nope.wxss');
});

test('app.json references that do not resolve are errors', () => {
  const root = tree({
    ...GOOD_APP,
    'app.json': JSON.stringify({ pages: ['pages/home/home', 'pages/gone/gone'] }),
    'pages/home/home.json': JSON.stringify({ usingComponents: { 'x-card': '/components/nope/nope' } }),
  });
  const messages = compileTree(root).errors.map((e) => `${e.file}: ${e.message}`);
  expect(messages).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^app\.json: page "pages\/gone\/gone" has no pages\/gone\/gone\.wxml/),
      expect.stringMatching(/^pages\/home\/home\.json: usingComponents "x-card": cannot find component/),
    ]),
  );
});

test('the command line exits 1 naming the broken file', () => {
  const root = tree({ ...GOOD_APP, 'pages/home/home.wxml': '<view><text>open\n' });
  const run = cli(root);
  expect(run.status).toBe(1);
  expect(run.stderr).toContain('pages/home/home.wxml');
});

// The mini-program itself is compiled by `npm run compile:mp`, which `npm test` runs before jest.
