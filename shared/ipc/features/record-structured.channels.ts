export const RECORD_STRUCTURED_CHANNELS = ['record.structured'] as const;
