/** What the mini-program and the functions share: the contract, schemas and pure rules. */
export * from './result';
export * from './common';
export * from './units';
export * from './people';
export * from './activities';
export * from './circle';
export * from './activity-rules';
export * from './services';
export { SHANGHAI_OFFSET_MS, shanghaiClock, shanghaiInstant, shanghaiDaysLater } from './shanghai-time';
export type { ShanghaiClock } from './shanghai-time';
export * from './permissions';
export * from './field-labels';
export * from './demands';
export * from './members';
export * from './contract';
