// The types of miniprogram/generated/domain.js before the build has made it (a fresh clone runs
// `npm run typecheck` before `npm run build`). miniprogram/tsconfig.json lists this folder in
// `rootDirs`, so `../../generated/domain` resolves here when miniprogram/generated/ is absent.
export * from '../../../domain/index';
