// The time-zone helpers moved to the core (meetings type their dates the same way); kept here so consultations' imports stay as they were.
export { isTimeZone, timeZones, wallClock, zonedToUtc } from '../../../core/i18n/time-zones.js';
