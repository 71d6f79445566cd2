import type { ExplorerSession } from '../../../shared/ipc/features/explorer.contract';
import { INTERACTIONS } from '../../../shared/gpconnect/interactions';

const KIND: Readonly<Record<string, string>> = { ssp: 'GP Connect', pds: 'PDS', sds: 'SDS', other: 'Other' };

function what(interactionId: string | undefined, url: string): string {
  const interaction = Object.values(INTERACTIONS).find((i) => i.id === interactionId);
  if (interaction) return interaction.name;
  const path = url.replace(/^https?:\/\/[^/]+/, '');
  return path.length > 70 ? `${path.slice(0, 70)}…` : path;
}

function time(iso: string): string {
  return new Date(iso).toLocaleTimeString('en-GB', { hour12: false });
}

/** The session's requests, newest first; each row opens the request in full. */
export function ExchangeList({
  session,
  selectedId,
  onOpen,
}: {
  readonly session: ExplorerSession;
  readonly selectedId: string | undefined;
  readonly onOpen: (id: string) => void;
}) {
  if (session.exchanges.length === 0) {
    return <p data-testid="explorer-empty">No requests yet in this session. Trace a patient or send one below.</p>;
  }
  const rows = [...session.exchanges].reverse();
  return (
    <div className="gpc-explorer__table-wrap">
      <table className="nhsuk-table" data-testid="explorer-requests">
        <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">
          {session.exchanges.length} requests, newest first
          {session.dropped > 0
            ? `; ${session.dropped} older ones dropped (the explorer keeps ${session.capacity})`
            : ''}
        </caption>
        <thead className="nhsuk-table__head">
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Service</th>
            <th scope="col">Request</th>
            <th scope="col">Status</th>
            <th scope="col">ms</th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {rows.map((e) => (
            <tr key={e.id} aria-current={e.id === selectedId ? 'true' : undefined}>
              <td>{time(e.startedAt)}</td>
              <td>{KIND[e.kind]}</td>
              <td>
                <button type="button" className="gpc-explorer__link" onClick={() => onOpen(e.id)}>
                  {e.method} {what(e.interactionId, e.url)}
                </button>
              </td>
              <td>{e.status ?? (e.error ? 'no answer' : '')}</td>
              <td>{Math.round(e.durationMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
