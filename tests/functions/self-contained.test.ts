import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../helpers/emulator';

/** A clone on its own passes `npm test`: no test or script reads outside the repository. */
function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sources(full);
    return /\.(ts|mjs|js)$/.test(e.name) ? [full] : [];
  });
}

describe('the repository stands alone', () => {
  const files = [...sources(path.join(ROOT, 'tests')), ...sources(path.join(ROOT, 'scripts'))];

  it('no test or script reads the shared folder beside the repository (the wire captures live in tests/fixtures)', () => {
    const outside = /'\.\.',\s*'shared'|\.\.\/shared\//;
    expect(files.filter((f) => f !== __filename && outside.test(fs.readFileSync(f, 'utf8'))).map((f) => path.relative(ROOT, f))).toEqual([]);
    expect(fs.existsSync(path.join(ROOT, 'tests', 'fixtures', 'cloudbase-wire', 'requests.json'))).toBe(true);
  });

  it('declares only dependencies it uses: bson is gone', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })).not.toContain('bson');
  });
});
