/** The interaction explorer (developer/IT panel; refused unless `explorer.enabled`). */
export const EXPLORER_CHANNELS = [
  'explorer.session',
  'explorer.exchange',
  'explorer.unmask',
  'explorer.mask',
  'explorer.send',
  'explorer.export',
] as const;
