/** Error codes of the session feature, with the sentence a clinician sees by default. */
export const SESSION_ERRORS = {
  NOT_SIGNED_IN: 'Nobody is signed in to the workstation, so nothing can be requested from Spine. Sign in first.',
  SESSION_LOCKED: 'The workstation is locked. Unlock it with your smartcard and passcode.',
  NO_CARD: 'Insert your smartcard into the reader.',
  PIN_INCORRECT: 'Passcode incorrect. Check it and try again.',
  PIN_LOCKED:
    'This smartcard is locked after too many incorrect passcodes. Ask your Registration Authority to unlock it.',
  CARD_UNTRUSTED:
    'This card was not issued by a trusted NHS certificate authority (or its certificate has expired). It cannot be used to sign in.',
  CARD_UNREADABLE: 'The smartcard could not be read. Remove it, reinsert it and try again.',
  CARD_NOT_CONFIGURED:
    'No smartcard software is configured on this workstation. Ask IT to set session.smartcard.module in the machine policy.',
  NO_ROLE_PROFILE:
    'No role profile is set up for you on this workstation, so you cannot sign in. Ask your Registration Authority or IT.',
  WRONG_SESSION_STEP: 'That cannot be done at this step of signing in. Start again.',
  WRONG_CARD: 'That is not the card this session was started with.',
} as const;
