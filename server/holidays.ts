import configured from '../config/holidays.json';
import { WorkCalendar, holidayCalendarSchema, workCalendar } from '../domain/demands/deadlines';

/**
 * The working-day calendar (config/holidays.json, bundled into each function that imports this),
 * parsed when the function loads so a broken file stops it at once.
 */
export const CALENDAR: WorkCalendar = workCalendar(holidayCalendarSchema.parse(configured));
