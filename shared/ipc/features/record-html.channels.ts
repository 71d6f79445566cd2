export const RECORD_HTML_CHANNELS = ['record.html'] as const;
