export const APPOINTMENT_CHANNELS = ['slots.search'] as const;
