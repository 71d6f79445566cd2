export const APPOINTMENT_CHANNELS = [
  'slots.search',
  'slots.searchStart',
  'slots.searchPoll',
  'appointment.book',
  'appointment.list',
  'appointment.read',
  'appointment.amend',
  'appointment.cancel',
] as const;
