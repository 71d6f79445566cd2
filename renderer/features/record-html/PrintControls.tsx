import { useEffect, useRef, useState } from 'react';
import { useGpc } from '../../gpc-context';
import type { PrintScope } from '../../store/patient-store';
import { usePatientStore } from '../../store/store-context';

/**
 * Print the selected section or the whole record (main composes the printout from the sections it sent, with the
 * banner, source, user and watermark on every page). The browser prints it from a script-less frame; the desktop
 * app can also save it as a PDF (made in main with `printToPDF`).
 */
export function PrintControls({ sectionTitle }: { readonly sectionTitle: string }) {
  const api = useGpc();
  const print = usePatientStore((s) => s.record.print);
  const startPrint = usePatientStore((s) => s.print);
  const [desktop, setDesktop] = useState(false);
  useEffect(() => {
    let live = true;
    void api.app.info().then((result) => {
      if (live && result.ok) setDesktop(result.value.host === 'electron');
    });
    return () => {
      live = false;
    };
  }, [api]);
  const busy = print.status === 'preparing';
  const button = (label: string, scope: PrintScope, output: 'print' | 'pdf', hidden?: string) => (
    <button
      type="button"
      className="nhsuk-button nhsuk-button--secondary nhsuk-button--small gpc-print-controls__button"
      aria-disabled={busy || undefined}
      onClick={() => {
        if (!busy) void startPrint(scope, output);
      }}
    >
      {label}
      {hidden && <span className="nhsuk-u-visually-hidden"> {hidden}</span>}
    </button>
  );
  return (
    <div className="gpc-print-controls" data-testid="print-controls">
      <div className="gpc-print-controls__buttons">
        {button('Print this section', 'section', 'print', `(${sectionTitle})`)}
        {button('Print whole record', 'record', 'print')}
        {desktop && button('Save section as PDF', 'section', 'pdf', `(${sectionTitle})`)}
        {desktop && button('Save record as PDF', 'record', 'pdf')}
      </div>
      <div aria-live="polite" className="gpc-print-controls__status" data-testid="print-status">
        {print.status === 'preparing' &&
          (print.scope === 'record'
            ? 'Preparing the printout: getting every section from the practice…'
            : 'Preparing the printout…')}
        {print.status === 'saved' && 'Saved as PDF.'}
        {print.status === 'failed' && (
          <span className="nhsuk-error-message" data-testid="print-error">
            <span className="nhsuk-u-visually-hidden">Error:</span> {print.error.message}
          </span>
        )}
      </div>
      {print.status === 'ready' && <PrintFrame key={print.id} document={print.document} title={print.title} />}
    </div>
  );
}

/**
 * The printout in a frame that cannot run script (`sandbox` without `allow-scripts`; the document's own CSP forbids
 * script too). `allow-modals` lets the page open the print dialog for it; `allow-same-origin` lets the page reach
 * its window to do so and the frame load our print stylesheet. Removed once printed.
 */
function PrintFrame({ document: printDocument, title }: { readonly document: string; readonly title: string }) {
  const ref = useRef<HTMLIFrameElement>(null);
  const printDone = usePatientStore((s) => s.printDone);
  return (
    <iframe
      ref={ref}
      className="gpc-print-frame"
      title={`Printout: ${title}`}
      aria-hidden="true"
      tabIndex={-1}
      sandbox="allow-same-origin allow-modals"
      referrerPolicy="no-referrer"
      srcDoc={printDocument}
      data-testid="print-frame"
      onLoad={() => {
        ref.current?.contentWindow?.print();
        printDone();
      }}
    />
  );
}
