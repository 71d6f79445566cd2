/** The clinician's session: sign-in (smartcard, demo clinician), role choice, lock and unlock, sign-out. */
export const SESSION_CHANNELS = [
  'session.status',
  'session.signInWithCard',
  'session.signInDemo',
  'session.chooseRole',
  'session.switchRole',
  'session.lock',
  'session.unlock',
  'session.signOut',
  'session.activity',
  'session.demoCard',
] as const;
