/**
 * Jest transform for the npm components under miniprogram/miniprogram_npm: they ship ES modules
 * (`import … from "tslib"`), which DevTools compiles for the phone; here esbuild turns them into the
 * CommonJS jest runs. Nothing else changes, so tests run the components' own code.
 */
const { transformSync } = require('esbuild');

module.exports = {
  process(source, filename) {
    const { code } = transformSync(source, { loader: 'js', format: 'cjs', target: 'node20', sourcefile: filename, sourcemap: 'inline' });
    return { code };
  },
};
