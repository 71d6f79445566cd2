/** Error codes of the record-print feature, with the sentence a clinician sees by default. */
export const RECORD_PRINT_ERRORS = {
  SECTION_NOT_HELD:
    'A section to print is no longer held by the workstation (or belongs to another patient). Open the section again, then print.',
} as const;
