import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../helpers/emulator';

const read = (file: string): any => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));

describe("the mini-program's own package", () => {
  it('declares only what the mini-program uses, at the version the repository pins', () => {
    const mp = read('miniprogram/package.json');
    expect(Object.keys(mp.dependencies)).toEqual(['tdesign-miniprogram']);
    expect(mp.dependencies['tdesign-miniprogram']).toBe(read('package.json').dependencies['tdesign-miniprogram']);
    expect(mp.devDependencies).toBeUndefined();
    // DevTools' 构建npm, if pressed, reads this manifest and not the backend's.
    expect(read('project.config.json').setting.packNpmRelationList).toEqual([{ packageJsonPath: './miniprogram/package.json', miniprogramNpmDistDir: './miniprogram/' }]);
  });

  it('miniprogram-ci is a tool of the repository, never inside the mini-program', () => {
    expect(read('package.json').devDependencies['miniprogram-ci']).toMatch(/^\d+\.\d+\.\d+$/);
    expect(fs.existsSync(path.join(ROOT, 'miniprogram', 'miniprogram_npm', 'miniprogram-ci'))).toBe(false);
    expect(fs.existsSync(path.join(ROOT, 'miniprogram', 'node_modules'))).toBe(false);
  });

  it('app.ts calls the environment the build was given (YOULIN_ENV_ID), the emulator id without it', () => {
    expect(fs.readFileSync(path.join(ROOT, 'miniprogram', 'app.ts'), 'utf8')).toContain("import { CLOUD_ENV } from './generated/cloud-env';");
    const generated = fs.readFileSync(path.join(ROOT, 'miniprogram', 'generated', 'cloud-env.js'), 'utf8');
    expect(generated).toContain(`exports.CLOUD_ENV = ${JSON.stringify(process.env.YOULIN_ENV_ID || 'youlin-local')};`);
  });
});
