import { useCallback, useEffect, useState } from 'react';
import type {
  ExplorerExchangeDetail,
  ExplorerExport,
  ExplorerSession,
} from '../../../shared/ipc/features/explorer.contract';
import { useGpc } from '../../gpc-context';
import { ExchangeDetail } from './ExchangeDetail';
import { ExchangeList } from './ExchangeList';
import { MaskControl } from './MaskControl';
import { SendForm } from './SendForm';
import './explorer.scss';

/**
 * The interaction explorer (developer/IT): every request this session made, one in full, hand-made requests and
 * exports. Main decides what may be shown (secrets never leave it; NHS numbers masked until unmasked with a reason).
 */
export function ExplorerScreen() {
  const gpc = useGpc();
  const [session, setSession] = useState<ExplorerSession | null>(null);
  const [selected, setSelected] = useState<ExplorerExchangeDetail | null>(null);
  const [exported, setExported] = useState<ExplorerExport | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    const result = await gpc.explorer.session();
    if (result.ok) {
      setSession(result.value);
      setProblem(null);
    } else setProblem(result.error.message);
  }, [gpc]);

  const open = useCallback(
    async (id: string) => {
      const result = await gpc.explorer.exchange({ id });
      if (!result.ok) return setProblem(result.error.message);
      setSelected(result.value);
    },
    [gpc],
  );

  useEffect(() => {
    let live = true;
    void gpc.explorer.session().then((result) => {
      if (!live) return;
      if (result.ok) setSession(result.value);
      else setProblem(result.error.message);
    });
    return () => {
      live = false;
    };
  }, [gpc]);

  const onMaskChange = async () => {
    setExported(null);
    await refresh();
    if (selected) await open(selected.id);
  };

  const exportPostman = async () => {
    const result = await gpc.explorer.export({ format: 'postman' });
    if (result.ok) setExported(result.value);
    else setProblem(result.error.message);
  };

  return (
    <section className="gpc-explorer" aria-labelledby="gpc-explorer-title">
      <h1 id="gpc-explorer-title">Interaction explorer</h1>
      <div className="nhsuk-inset-text">
        <span className="nhsuk-u-visually-hidden">Information: </span>
        <p>
          For developers and IT. Every request this workstation made in this session, with its answer. Keys and API keys
          are never shown. NHS numbers are masked unless you give a reason to see them, which is recorded in the audit
          trail.
        </p>
      </div>
      {problem && (
        <div className="nhsuk-error-summary" role="alert" data-testid="explorer-problem">
          <p className="nhsuk-error-summary__title">{problem}</p>
        </div>
      )}
      {session && <MaskControl masked={session.masked} onChange={onMaskChange} />}

      <SendForm
        onSent={async (lastId) => {
          await refresh();
          if (lastId) await open(lastId);
        }}
      />

      <section aria-labelledby="gpc-explorer-session">
        <div className="gpc-explorer__toolbar">
          <h2 id="gpc-explorer-session">Requests this session</h2>
          <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => void refresh()}>
            Refresh
          </button>
          <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => void exportPostman()}>
            Export as Postman collection
          </button>
        </div>
        {session && <ExchangeList session={session} selectedId={selected?.id} onOpen={(id) => void open(id)} />}
      </section>

      {exported && (
        <section aria-labelledby="gpc-explorer-export" className="gpc-explorer__export">
          <h2 id="gpc-explorer-export">Postman collection</h2>
          <p>
            {exported.filename}
            {exported.masked
              ? ': NHS numbers are masked, so this copy is for reading, not replay.'
              : ': NHS numbers in full; replay with the endpoint certificate, key and CA, and the sdsApiKey variable.'}
          </p>
          <CopyText label="Postman collection (JSON)" text={exported.text} />
        </section>
      )}

      {selected && <ExchangeDetail exchange={selected} />}
    </section>
  );
}

/** A read-only text with a copy button (downloads are disabled in the app; the clipboard is the way out). */
export function CopyText({ label, text }: { readonly label: string; readonly text: string }) {
  const [copied, setCopied] = useState(false);
  const id = `copy-${label.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <div className="nhsuk-form-group">
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      <textarea id={id} className="nhsuk-textarea gpc-explorer__code" readOnly rows={8} value={text} />
      <button
        type="button"
        className="nhsuk-button nhsuk-button--secondary"
        onClick={() => {
          void navigator.clipboard?.writeText(text).then(
            () => setCopied(true),
            () => setCopied(false),
          );
        }}
      >
        Copy {label}
      </button>
      <span aria-live="polite" className="gpc-explorer__copied">
        {copied ? 'Copied' : ''}
      </span>
    </div>
  );
}
