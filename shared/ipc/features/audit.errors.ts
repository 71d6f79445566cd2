/** Error codes of the audit feature, with the sentence a clinician sees by default. */
export const AUDIT_ERRORS = {
  NOT_AUTHORISED: 'Only local administrators can see the audit trail. Ask your practice or IT administrator.',
  AUDIT_UNAVAILABLE:
    'The workstation cannot write its audit trail, so it cannot show or change patient data now. Contact your IT service desk.',
} as const;
