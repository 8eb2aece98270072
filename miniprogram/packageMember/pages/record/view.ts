/** What 我的服务记录 offers (pure): the years to look at, this Shanghai year first. */
import { shanghaiYear } from '../../../generated/domain';

/** This year and the last (the year report goes to the work unit after 31 December). */
export function yearOptions(now: number): number[] {
  const year = shanghaiYear(new Date(now));
  return [year, year - 1];
}

/** The stars are only there once the committee posted them: that absence is not an error. */
export const starsMissing = (code: string) => code === 'NOT_FOUND';
