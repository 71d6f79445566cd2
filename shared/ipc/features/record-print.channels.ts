export const RECORD_PRINT_CHANNELS = ['record.print', 'record.pdf'] as const;
