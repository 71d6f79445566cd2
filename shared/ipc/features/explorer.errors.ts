/** Error codes of the explorer feature, with the sentence a clinician sees by default. */
export const EXPLORER_ERRORS = {
  EXPLORER_DISABLED:
    'The interaction explorer is switched off on this workstation (setting explorer.enabled). Ask IT if you need it.',
  EXCHANGE_NOT_FOUND: 'That request is no longer in this session (the explorer keeps the most recent 500).',
} as const;
