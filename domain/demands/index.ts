/** Residents' demands (诉求): the pure part shared by the `demand` function and the pages. */
export * from './deadlines';
export * from './model';
export * from './dashboard';
