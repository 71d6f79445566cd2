/** The demonstrator writes UK local time exactly as the consumer reads it: one implementation, in shared. */
export { addDays, ukDate, ukDateTime, ukInstant, ukOffsetMinutes } from '../../shared/appointments/uk-time';
