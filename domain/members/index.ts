/** In-service party members (在职党员双报到): the pure part shared by the `member` function and the pages. */
export * from './model';
export * from './rules';
