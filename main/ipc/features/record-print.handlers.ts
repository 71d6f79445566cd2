import type { HtmlRecordSection } from '../../../shared/gpconnect/html-record-view';
import type { RECORD_PRINT_CHANNELS } from '../../../shared/ipc/features/record-print.channels';
import type { PatientSummary } from '../../../shared/patient/patient-summary';
import type { PrintStyles, PrintUser } from '../../gpconnect/print-document';
import { composePrintDocument, printTitle } from '../../gpconnect/print-document';
import { GpcError } from '../gpc-error';
import type { FeatureHandlers, HandlerKit } from '../handler-kit';
import { auditCode } from '../audit-code';

interface PrintInput {
  readonly nhsNumber: string;
  readonly scope: 'section' | 'record';
  readonly traceIds: readonly string[];
}

/** The signed-in user; until the session feature lands, the configured identity every JWT names. */
function printingUser({ deps }: HandlerKit): PrintUser {
  const signedIn = deps.currentUser?.();
  if (signedIn) {
    const { name } = signedIn;
    return {
      name: [name.prefix, ...name.given, name.family].filter(Boolean).join(' '),
      sdsUserId: signedIn.sdsUserId,
      organisation: `${signedIn.organisation.name} (${signedIn.organisation.odsCode})`,
    };
  }
  const { identity, consumer } = deps.live.ctx.config;
  return {
    name: [identity.prefix, identity.givenName, identity.familyName].filter(Boolean).join(' '),
    sdsUserId: identity.sdsUserId,
    organisation: `${consumer.organisationName} (${consumer.odsCode})`,
  };
}

/** A file name without the patient's name: PDFs get copied around, and the NHS number identifies the record. */
function pdfFileName(nhsNumber: string, views: readonly HtmlRecordSection[], scope: PrintInput['scope']): string {
  const what = scope === 'record' ? 'record' : (views[0]?.section.code ?? 'section');
  return `gp-record-${nhsNumber}-${what}.pdf`;
}

/**
 * Printing and PDF export of the GP record sections main has already sent to the screen (sanitised then): composed
 * here under the traced patient's banner, never from HTML the renderer sends back. Printing is an audit event, as
 * is a refused printout.
 */
export function recordPrintHandlers(kit: HandlerKit): FeatureHandlers<typeof RECORD_PRINT_CHANNELS> {
  const { traces, retrieved, now, audit, deps } = kit;

  const prepare = (input: PrintInput): { patient: PatientSummary; views: HtmlRecordSection[] } => {
    const patient = traces.recent(input.nhsNumber);
    if (!patient) throw new GpcError('TRACE_REQUIRED');
    if (patient.restricted) throw new GpcError('PATIENT_RESTRICTED');
    const views = [...new Set(input.traceIds)].map((traceId) => {
      const view = retrieved.find(patient.nhsNumber, traceId);
      if (!view) throw new GpcError('SECTION_NOT_HELD');
      return view;
    });
    // Spec order, Summary first, whatever order the screen named them in.
    const order = ['SUM', 'ADM', 'ALL', 'CLI', 'ENC', 'IMM', 'MED', 'OBS', 'PRB', 'REF'];
    views.sort((a, b) => order.indexOf(a.section.code) - order.indexOf(b.section.code));
    return { patient, views };
  };

  const audited = async <T>(
    channel: 'record.print' | 'record.pdf',
    input: PrintInput,
    run: (printedAt: Date) => Promise<{ value: T; views: readonly HtmlRecordSection[] }>,
  ): Promise<T> => {
    const printedAt = now();
    // `print` in the audit trail; the target says which printout and which sections (codes only, never content).
    const kind = channel === 'record.pdf' ? 'pdf' : 'print';
    try {
      const { value, views } = await run(printedAt);
      const odsCode = views[0]?.practice.odsCode;
      await audit({
        action: 'print',
        outcome: 'success',
        nhsNumber: input.nhsNumber,
        target: `${kind} ${views.map((v) => v.section.code).join(',')}`,
        ...(odsCode ? { odsCode } : {}),
        traceId: views.map((v) => v.traceId).join(','),
      });
      return value;
    } catch (err) {
      await audit({
        action: 'print',
        outcome: 'failure',
        nhsNumber: input.nhsNumber,
        target: `${kind} ${input.scope === 'record' ? 'record' : 'section'}`,
        errorCode: auditCode(err),
      });
      throw err;
    }
  };

  const compose = (input: PrintInput, printedAt: Date, styles: PrintStyles) => {
    const { patient, views } = prepare(input);
    const document = composePrintDocument({
      patient,
      views,
      scope: input.scope,
      user: printingUser(kit),
      printedAt,
      styles,
    });
    return { patient, views, document };
  };

  return {
    'record.print': (input) =>
      audited('record.print', input, (printedAt) => {
        const { patient, views, document } = compose(input, printedAt, { kind: 'link' });
        return Promise.resolve({
          views,
          value: { title: printTitle(patient, input.scope, views), document, printedAt: printedAt.toISOString() },
        });
      }),

    'record.pdf': (input) =>
      audited('record.pdf', input, async (printedAt) => {
        const exporter = deps.pdf;
        if (!exporter) {
          throw new GpcError(
            'NOT_AVAILABLE',
            'Saving as PDF is part of the desktop app. Here, use Print and choose "Save as PDF" as the printer.',
          );
        }
        // Checked before the stylesheet is read, so a refused printout costs nothing.
        prepare(input);
        const css = await exporter.stylesheet();
        const { views, document } = compose(input, printedAt, { kind: 'inline', css });
        const { saved } = await exporter.save(document, pdfFileName(input.nhsNumber, views, input.scope));
        return { views, value: { saved } };
      }),
  };
}
