/** Error codes of the appointments feature, with the sentence a clinician sees by default. */
export const APPOINTMENT_ERRORS = {
  SLOT_TAKEN:
    'This slot has just been taken by someone else. The search has been refreshed: choose another slot (your description and comment are kept).',
  BOOKING_NOT_CONFIRMED:
    'The practice did not answer the booking, and the appointment is not in the patient’s appointments at that practice. Nothing was booked. You can try again.',
  BOOKING_OUTCOME_UNKNOWN:
    'The practice did not answer the booking, and its appointment list could not be checked. The appointment may or may not exist: check the patient’s appointments before trying again.',
  SLOTS_NOT_BOOKABLE: 'Those slots cannot be booked together.',
  SEARCH_EXPIRED: 'That slot search is no longer held. Search again.',
  APPOINTMENT_NOT_READ:
    'The appointment must be read from the practice just before it is changed. It has been reloaded: check it and try again.',
  NOT_REGISTERED_AT_PRACTICE:
    'The patient has no record at this practice, and it is their registered practice, so no temporary registration is made. Check the practice with the patient.',
  REGISTRATION_FAILED: 'The temporary registration at the practice failed, so nothing was booked.',
  BOOKING_NOT_CONFIGURED:
    'This workstation has no telephone number configured for the booking organisation, which the practice requires. Ask IT to set consumer.telephone.',
} as const;
