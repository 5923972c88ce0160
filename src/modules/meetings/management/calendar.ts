import type { CalendarContribution } from '../../../core/contributions.js';

/** Meetings and their contribution deadlines for the calendar (placeholder of the skeleton). */
export const meetingCalendarDates: CalendarContribution = { find: async () => [] };
