import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { InteractionName } from '../../../shared/gpconnect/interactions';
import { INTERACTION_FORMS, interactionForm, prefilledRequest } from '../../../shared/explorer/interaction-forms';
import { useGpc } from '../../gpc-context';

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Send one GP Connect interaction by hand, prefilled from SPEC §4; main sends it through the app's own client. */
export function SendForm({ onSent }: { readonly onSent: (lastExchangeId: string | undefined) => Promise<void> }) {
  const gpc = useGpc();
  const id = useId();
  const [name, setName] = useState<InteractionName>('metadata');
  const [request, setRequest] = useState(() => prefilledRequest('metadata', today()));
  const [ifMatch, setIfMatch] = useState('');
  const [outcome, setOutcome] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const form = interactionForm(name);

  const choose = (next: InteractionName) => {
    setName(next);
    setRequest(prefilledRequest(next, today()));
    setIfMatch('');
    setOutcome(null);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    const result = await gpc.explorer.send({
      interaction: name,
      odsCode: request.odsCode,
      path: request.path,
      ...(form.method !== 'GET' && request.body !== undefined ? { body: request.body } : {}),
      ...(form.needsIfMatch && ifMatch ? { ifMatch } : {}),
    });
    setBusy(false);
    if (!result.ok) {
      setOutcome({ text: result.error.detail ?? result.error.message, error: true });
      return;
    }
    const { status, errorCode, exchangeIds } = result.value;
    setOutcome({
      text: `${form.title}: ${status !== undefined ? `HTTP ${status}` : 'no answer'}${errorCode ? ` ${errorCode}` : ''}`,
      error: errorCode !== undefined,
    });
    await onSent(exchangeIds.at(-1));
  };

  return (
    <form className="gpc-explorer__send" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Send an interaction</h2>
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor={`${id}-interaction`}>
          Interaction
        </label>
        <select
          id={`${id}-interaction`}
          className="nhsuk-select"
          value={name}
          onChange={(e) => choose(e.target.value as InteractionName)}
        >
          {INTERACTION_FORMS.map((f) => (
            <option key={f.name} value={f.name}>
              {f.title} ({f.method}, SPEC {f.spec})
            </option>
          ))}
        </select>
      </div>
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor={`${id}-ods`}>
          Practice ODS code
        </label>
        <input
          id={`${id}-ods`}
          className="nhsuk-input nhsuk-input--width-10"
          value={request.odsCode}
          onChange={(e) => setRequest({ ...request, odsCode: e.target.value.toUpperCase() })}
        />
      </div>
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor={`${id}-path`}>
          {form.method} path, relative to the practice&apos;s service root
        </label>
        <input
          id={`${id}-path`}
          className="nhsuk-input gpc-explorer__value"
          value={request.path}
          onChange={(e) => setRequest({ ...request, path: e.target.value })}
        />
      </div>
      {form.needsIfMatch && (
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor={`${id}-if-match`}>
            If-Match (the appointment&apos;s version, e.g. W/&quot;1&quot;)
          </label>
          <input
            id={`${id}-if-match`}
            className="nhsuk-input nhsuk-input--width-10"
            value={ifMatch}
            onChange={(e) => setIfMatch(e.target.value)}
          />
        </div>
      )}
      {form.method !== 'GET' && (
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor={`${id}-body`}>
            Body (JSON)
          </label>
          <textarea
            id={`${id}-body`}
            className="nhsuk-textarea gpc-explorer__code"
            rows={10}
            value={request.body ?? ''}
            onChange={(e) => setRequest({ ...request, body: e.target.value })}
          />
        </div>
      )}
      <button type="submit" className="nhsuk-button" disabled={busy}>
        Send
      </button>
      <p
        aria-live="polite"
        data-testid="explorer-send-outcome"
        className={outcome?.error ? 'gpc-explorer__failed' : ''}
      >
        {outcome?.text ?? ''}
      </p>
    </form>
  );
}
