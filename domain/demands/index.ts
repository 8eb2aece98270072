/** Residents' demands (诉求): the pure part shared by the `demand` function and the pages. */
export * from './deadlines';
export * from './model';
export * from './dashboard';
export * from './access';
export * from './stats';
export * from './clock';
export * from './geo';
