import type { z } from 'zod';
import type { ChannelName } from './channels';
import type { ChannelSpec } from './contract-kit';
import type { ErrorCode } from './errors';
import { adminContract } from './features/admin.contract';
import { appContract } from './features/app.contract';
import { appointmentsContract } from './features/appointments.contract';
import { auditContract } from './features/audit.contract';
import { explorerContract } from './features/explorer.contract';
import { patientContract } from './features/patient.contract';
import { recordHtmlContract } from './features/record-html.contract';
import { recordPrintContract } from './features/record-print.contract';
import { recordStructuredContract } from './features/record-structured.contract';
import { sessionContract } from './features/session.contract';

/**
 * The one IPC contract, assembled from each feature's fragment in `features/`. Add a channel to the feature's
 * `.channels.ts` and `.contract.ts`; the compiler then demands a handler in `main/ipc/features/`, and `window.gpc`
 * gains the method.
 */
export const contract = {
  ...appContract,
  ...patientContract,
  ...recordHtmlContract,
  ...recordPrintContract,
  ...recordStructuredContract,
  ...appointmentsContract,
  ...sessionContract,
  ...auditContract,
  ...explorerContract,
  ...adminContract,
} as const satisfies { readonly [K in ChannelName]: ChannelSpec<z.ZodType, unknown, ErrorCode> };

export type { ChannelSpec } from './contract-kit';
export { nhsNumberInput } from './contract-kit';
export type { AppInfo, AppMode, HostKind } from './features/app.contract';
export type { PatientTrace } from './features/patient.contract';
export { HTML_SECTION_CODES } from './features/record-html.contract';
export type { HtmlRecordSection } from './features/record-html.contract';
export type { StructuredRecordView } from './features/record-structured.contract';

export type Contract = typeof contract;
export type ChannelInput<K extends ChannelName> = z.input<Contract[K]['input']>;
export type HandlerInput<K extends ChannelName> = z.output<Contract[K]['input']>;
export type ChannelOutput<K extends ChannelName> = NonNullable<Contract[K]['output']>;
