import { auditedHandlers } from './audited-channels';
import { adminHandlers } from './features/admin.handlers';
import { appHandlers } from './features/app.handlers';
import { appointmentHandlers } from './features/appointments.handlers';
import { auditHandlers } from './features/audit.handlers';
import { explorerHandlers } from './features/explorer.handlers';
import { patientHandlers } from './features/patient.handlers';
import { recordHtmlHandlers } from './features/record-html.handlers';
import { recordPrintHandlers } from './features/record-print.handlers';
import { recordStructuredHandlers } from './features/record-structured.handlers';
import { sessionHandlers } from './features/session.handlers';
import type { HandlerDeps } from './handler-kit';
import { createHandlerKit } from './handler-kit';
import type { HandlerTable } from './handler-table';
import { requireSignedIn } from './session-guard';

export type { HandlerDeps } from './handler-kit';

/**
 * The implementation of the contract, host-agnostic: registered by Electron glue, served by the preview host and gpc.
 * Each feature's handlers live in `features/`; they share one kit (clock, trace register, patient flow).
 */
export function createHandlers(deps: HandlerDeps): HandlerTable {
  const kit = createHandlerKit(deps);
  // Signed-in check outermost (nothing runs for nobody); inside it, every patient-data channel is audited.
  return requireSignedIn(
    deps,
    auditedHandlers(
      {
        ...appHandlers(kit),
        ...patientHandlers(kit),
        ...recordHtmlHandlers(kit),
        ...recordPrintHandlers(kit),
        ...recordStructuredHandlers(kit),
        ...appointmentHandlers(kit),
        ...sessionHandlers(kit),
        ...auditHandlers(kit),
        ...explorerHandlers(kit),
        ...adminHandlers(kit),
      },
      kit.audit,
    ),
  );
}
