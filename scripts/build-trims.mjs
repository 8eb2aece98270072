// The esbuild plugins that keep bundles small: zod without its locales and namespace objects, and the
// cloud functions' SDK without the parts they never call. scripts/build.mjs uses them; so does the
// test that shows a trimmed part fails loudly when reached.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

// The mini-program's copy of domain/: CommonJS its `require` loads, minified, small, and with no code
// generation (mini-programs forbid eval and new Function). Two things in zod 4 stand in the way, so
// the plugin below adjusts them while bundling and fails the build if they ever stop applying:
// - esbuild keeps whole namespace objects: `import { z }` and zod's `export * as core/locales` pull
//   in every locale and the JSON-schema code (~270 KB). Domain files get `import * as z` instead (the
//   same object), and the two namespace re-exports nobody here uses go.
// - zod's JIT compiles object parsers with new Function where it detects it may; that path goes.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const domainDir = path.join(root, 'domain') + path.sep;
const zodFacade = path.join(root, 'domain', 'zod.ts');
const ZOD_PATCHES = [
  { file: /zod[\\/]v4[\\/]mini[\\/]external\.js$/, from: /^export \* as (core|locales) from .*$/gm, to: '' },
  { file: /zod[\\/]v4[\\/]locales[\\/]index\.js$/, from: /^[\s\S]*$/, to: 'export { default as en } from "./en.js";\n' },
  { file: /zod[\\/]v4[\\/]core[\\/]util\.js$/, from: /(export const allowsEval = cached\(\(\) => \{)/, to: '$1\n    return false;' },
  { file: /zod[\\/]v4[\\/]core[\\/]doc\.js$/, from: /(compile\(\) \{)[\s\S]*?\n    \}/, to: "$1\n        throw new Error('code generation is disabled in the mini-program');\n    }" },
];
const DOMAIN_ZOD_IMPORT = "import { z } from 'zod/mini';";

/**
 * Bundles zod without what nobody here uses: `files` (a path test) get the namespace import, and the
 * `patches` apply to zod's own files; the build fails if one stops applying (zod changed).
 */
function zodTrim({ files, patches }) {
  return {
    name: 'zod-trim',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, (args) => {
        if (!files(args.path)) return undefined;
        const source = fs.readFileSync(args.path, 'utf8');
        const imports = source.match(/^import .* from 'zod\/mini';$/gm) ?? [];
        // Domain schemas are built on first use only through domain/zod.ts (a cold start builds none).
        if (imports.length && args.path.startsWith(domainDir) && args.path !== zodFacade) {
          throw new Error(`${path.relative(root, args.path)}: domain code takes zod from domain/zod.ts (\`import * as z from './zod'\`), which builds each schema on first use`);
        }
        if (imports.some((line) => line !== DOMAIN_ZOD_IMPORT)) {
          throw new Error(`${path.relative(root, args.path)}: import zod as \`${DOMAIN_ZOD_IMPORT}\` (the build rewrites that line)`);
        }
        return { contents: source.replace(DOMAIN_ZOD_IMPORT, "import * as z from 'zod/mini';"), loader: 'ts' };
      });
      b.onLoad({ filter: /zod[\\/]v4[\\/](mini[\\/]external|locales[\\/]index|core[\\/]util|core[\\/]doc)\.js$/ }, (args) => {
        const patch = patches.find((p) => p.file.test(args.path));
        if (!patch) return undefined;
        const source = fs.readFileSync(args.path, 'utf8');
        if (!source.match(patch.from)) throw new Error(`zod changed: cannot adjust ${path.relative(root, args.path)}`);
        return { contents: source.replace(patch.from, patch.to), loader: 'js' };
      });
    },
  };
}
const projectTs = (file) => file.startsWith(root + path.sep) && !file.includes(`${path.sep}node_modules${path.sep}`);
export const forMiniprogram = zodTrim({ files: (file) => file.startsWith(domainDir), patches: ZOD_PATCHES });

/**
 * Parts of the SDK these functions never call, left out of their bundles: the AI client, data models
 * and MySQL (the SDK's init tries them inside a try/catch), and JWT signing (custom-login tickets).
 * Each is replaced by a module that throws, naming itself, on first use, so reaching one fails loudly
 * in the tests instead of quietly in the cloud.
 */
export const TRIMMED_FROM_FUNCTIONS = ['@cloudbase/ai', '@cloudbase/wx-cloud-client-sdk', 'jsonwebtoken'];
/** The SDK's own AI entry (it pulls in the browser SDK's app, adapters and stream polyfills), asked for lazily by `app.ai()`. */
const NODE_SDK_AI = /@cloudbase[\\/]node-sdk[\\/]dist[\\/]cloudbase\.js$/;
const sdkTrim = {
  name: 'sdk-trim',
  setup(b) {
    const filter = new RegExp(`^(${TRIMMED_FROM_FUNCTIONS.map((m) => m.replace(/[/.]/g, '\\$&')).join('|')})$`);
    b.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'trimmed' }));
    b.onResolve({ filter: /^\.\/ai$/ }, (args) => (NODE_SDK_AI.test(args.importer) ? { path: '@cloudbase/node-sdk/dist/ai', namespace: 'trimmed' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'trimmed' }, (args) => ({
      contents: `const fail = () => { throw new Error(${JSON.stringify(`${args.path} is trimmed from the function bundle (scripts/build-trims.mjs); a function reached it`)}); };
module.exports = new Proxy({}, { get: (_, key) => (key === '__esModule' ? false : key === 'default' ? module.exports : fail()) });`,
      loader: 'js',
    }));
    // The SDK reads its version from its package.json beside it at run time; bundled, that file is
    // not there (or is someone else's), so the version is written in at build time.
    b.onLoad({ filter: /@cloudbase[\\/]node-sdk[\\/]dist[\\/]utils[\\/]version\.js$/ }, (args) => {
      const source = fs.readFileSync(args.path, 'utf8');
      const read = "JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json')).toString())";
      if (!source.includes(read)) throw new Error('@cloudbase/node-sdk changed: cannot write its version in (scripts/build-trims.mjs)');
      const { version } = JSON.parse(fs.readFileSync(path.join(path.dirname(args.path), '../../package.json'), 'utf8'));
      return { contents: source.replace(read, JSON.stringify({ version })), loader: 'js' };
    });
  },
};

/**
 * Parts of the SDK a function needs only for some calls, loaded on first use instead of at every cold
 * start: axios (the SDK's extension shim and the instance-metadata credential fetch; database and
 * function calls go through Node's http), xml2js (storage's XML replies) and mime-db (openapi's
 * content types). Each is bundled on its own beside index.js (`lazy/<name>.js`, deployed with it), and
 * a proxy in index.js requires it the first time anything touches the module: behaviour is the same,
 * and a cold start skips ~280 KB of code it rarely needs.
 */
export const LAZY_IN_FUNCTIONS = ['axios', 'xml2js', 'mime-db'];
/** The files of a built function besides index.js and package.json. */
export const LAZY_FILES = LAZY_IN_FUNCTIONS.map((name) => `lazy/${name}.js`);
export const lazySdkParts = {
  name: 'lazy-sdk-parts',
  setup(b) {
    const filter = new RegExp(`^(${LAZY_IN_FUNCTIONS.map((m) => m.replace(/[/.-]/g, '\\$&')).join('|')})$`);
    const outdir = path.dirname(b.initialOptions.outfile);
    b.onResolve({ filter }, (args) => {
      if (args.pluginData?.real || !args.importer.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      return { path: args.path, namespace: 'lazy', pluginData: { resolveDir: args.resolveDir } };
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, async (args) => {
      const real = await b.resolve(args.path, { resolveDir: args.pluginData.resolveDir, kind: 'require-call', pluginData: { real: true } });
      if (real.errors.length) throw new Error(`cannot resolve ${args.path} for its lazy proxy (scripts/build-trims.mjs)`);
      await b.esbuild.build({
        stdin: { contents: `module.exports = require(${JSON.stringify(real.path)});`, resolveDir: root, loader: 'js' },
        outfile: path.join(outdir, 'lazy', `${args.path}.js`),
        bundle: true,
        platform: 'node',
        target: b.initialOptions.target,
        format: 'cjs',
        minifyWhitespace: true,
        minifySyntax: true,
        legalComments: 'none',
        banner: b.initialOptions.banner,
        plugins: [sdkTrim],
        logLevel: 'warning',
      });
      // What the proxy must answer without loading: whether the export is callable, and __esModule
      // (TypeScript's __importDefault asks for it at require time).
      const loaded = createRequire(real.path)(real.path);
      return {
        contents: `let real;
const load = () => real || (real = module.require(require('node:path').join(__dirname, 'lazy', ${JSON.stringify(`${args.path}.js`)})));
module.exports = new Proxy(${typeof loaded === 'function' ? 'function () {}' : '{}'}, {
  get: (_, key) => (key === '__esModule' ? ${JSON.stringify(Boolean(loaded.__esModule))} : load()[key]),
  has: (_, key) => key in load(),
  apply: (_, self, args) => load().apply(self, args),
  construct: (_, args) => new (load())(...args),
});`,
        loader: 'js',
      };
    });
  },
};

/** What every cloud function's bundle goes through (scripts/build.mjs adds lazySdkParts, which writes beside it). */
export const functionTrims = [zodTrim({ files: projectTs, patches: ZOD_PATCHES.slice(0, 2) }), sdkTrim];
