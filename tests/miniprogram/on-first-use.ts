/**
 * Packages that miniprogram-simulate requires when it loads but only calls for some renders: the
 * style tools (postcss, csso with css-tree, less), which only the official compiler's renders run
 * (see `skipStyles` in simulate.ts), and WeChat's template compiler, which only they use. Loading
 * them took about a twentieth of a page test file's CPU, in every file.
 *
 * `onFirstUse(name)` registers, for this test file's modules, a stand-in that requires the real
 * package the first time anything of it is read or it is called, and from then on passes every use
 * through to it: nothing here replaces what they do, a render that needs them gets them.
 */
type AnyFn = (...args: unknown[]) => unknown;

export function onFirstUse(name: string): void {
  jest.doMock(name, () => {
    let real: any = null;
    const load = () => (real ??= jest.requireActual(name));
    // A function target, so that a package that is itself a function (postcss) can be called.
    const target = function standIn() {} as unknown as AnyFn;
    return new Proxy(target, {
      apply: (_target, self, args) => Reflect.apply(load(), self, args),
      get: (_target, key) => {
        const value = load()[key];
        return typeof value === 'function' ? value.bind(load()) : value;
      },
      set: (_target, key, value) => Reflect.set(load(), key, value),
      has: (_target, key) => key in load(),
    });
  });
}
