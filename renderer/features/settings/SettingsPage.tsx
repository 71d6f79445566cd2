import { useEffect, useState } from 'react';
import { formatNhsDate } from '../../../shared/nhs/dates';
import type { AboutInfo, SettingEntry, SettingsReport } from '../../../shared/ipc/features/app.contract';
import { useGpc } from '../../gpc-context';

type Load<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed'; message: string };

function useLoad<T>(load: () => Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Load<T> {
  const [result, setResult] = useState<Load<T>>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    void load().then((r) => {
      if (live) setResult(r.ok ? { state: 'ready', value: r.value } : { state: 'failed', message: r.error.message });
    });
    return () => {
      live = false;
    };
    // The loaders are stable calls on the API; run once per mount.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return result;
}

const FLAVOUR_LABEL = { clinical: 'Clinical build', demo: 'Offline demo build (synthetic patients only)' } as const;

function formatValue(entry: SettingEntry): string {
  const { value } = entry;
  if (value === null) return entry.defaultNote ?? 'Not set';
  if (typeof value === 'boolean') return value ? 'On' : 'Off';
  if (Array.isArray(value)) return value.length === 0 ? 'None' : value.join(', ');
  return String(value);
}

function LockMarker({ by }: { readonly by: SettingEntry['lockedBy'] }) {
  if (!by) return null;
  return (
    <strong className="nhsuk-tag nhsuk-tag--grey gpc-lock" data-testid="setting-locked">
      <svg className="gpc-lock__icon" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
        <path d="M4 7V5a4 4 0 0 1 8 0v2h1v8H3V7zm2 0h4V5a2 2 0 0 0-4 0z" fill="currentColor" />
      </svg>
      {by === 'policy' ? 'Locked by your organisation' : 'Fixed by this build'}
    </strong>
  );
}

export function SettingsTable({ report }: { readonly report: SettingsReport }) {
  const locked = report.entries.filter((e) => e.lockedBy !== null).length;
  return (
    <>
      <p data-testid="policy-summary">
        {report.policyPresent
          ? `Machine policy from ${report.policyFile ?? 'the policy file'}: ${locked} setting(s) are locked and cannot be changed here.`
          : `No machine policy is in place on this computer${report.policyFile ? ` (IT would place it at ${report.policyFile})` : ''}.`}
      </p>
      <table className="nhsuk-table" data-testid="settings-table">
        <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Effective settings</caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th scope="col" className="nhsuk-table__header">
              Setting
            </th>
            <th scope="col" className="nhsuk-table__header">
              Value
            </th>
            <th scope="col" className="nhsuk-table__header">
              Set by
            </th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {report.entries.map((entry) => (
            <tr key={entry.key} className="nhsuk-table__row" data-testid={`setting-${entry.key}`}>
              <th scope="row" className="nhsuk-table__cell gpc-setting__label">
                {entry.label}
                <span className="gpc-setting__key">{entry.key}</span>
              </th>
              <td className="nhsuk-table__cell gpc-setting__value">{formatValue(entry)}</td>
              <td className="nhsuk-table__cell">
                {entry.lockedBy ? <LockMarker by={entry.lockedBy} /> : entry.isDefault ? 'Default' : 'Settings file'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** Outside Electron the page runs in the browser the preview host opened: its version is the one that matters. */
function browserVersion(): string {
  const chrome = /Chrome\/([\d.]+)/.exec(navigator.userAgent)?.[1];
  return chrome ? `${chrome} (this browser)` : 'This browser';
}

export function AboutBox({ about }: { readonly about: AboutInfo }) {
  const inElectron = about.runtime.electron !== null;
  return (
    <section aria-labelledby="about-heading" data-testid="about-box">
      <h2 id="about-heading">About {about.name}</h2>
      <dl className="nhsuk-summary-list">
        {(
          [
            ['Version', about.version],
            ['Build', FLAVOUR_LABEL[about.flavour]],
            ['Commit', about.commit],
            ['Electron', about.runtime.electron ?? 'Not running in Electron (browser preview or command line)'],
            ['Chromium', about.runtime.chromium ?? (inElectron ? 'Unknown' : browserVersion())],
            ['Node.js', about.runtime.node],
          ] as const
        ).map(([key, value]) => (
          <div className="nhsuk-summary-list__row" key={key}>
            <dt className="nhsuk-summary-list__key">{key}</dt>
            <dd className="nhsuk-summary-list__value" data-testid={`about-${key.toLowerCase().replace('.', '')}`}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
      <h3>Release notes</h3>
      {about.releases.length === 0 ? (
        <p>No release notes are included in this build.</p>
      ) : (
        about.releases.slice(0, 3).map((release) => (
          <section key={release.version} aria-label={`Release ${release.version}`} data-testid="release">
            <h4>
              Version {release.version}
              {release.date ? ` (${formatNhsDate(release.date)})` : ''}
            </h4>
            <ul>
              {release.items.map((item, i) => (
                <li key={i}>{item}</li>
              ))}
            </ul>
          </section>
        ))
      )}
    </section>
  );
}

/** Settings (read-only: IT sets them by policy, the user in the settings file) and the About box. */
export function SettingsPage() {
  const api = useGpc();
  const settings = useLoad(() => api.app.settings());
  const about = useLoad(() => api.app.about());
  return (
    <>
      <h1>Settings and about</h1>
      <section aria-labelledby="settings-heading">
        <h2 id="settings-heading">Settings in effect</h2>
        {settings.state === 'loading' && <p>Loading settings…</p>}
        {settings.state === 'failed' && <p role="alert">The settings could not be read: {settings.message}</p>}
        {settings.state === 'ready' && <SettingsTable report={settings.value} />}
      </section>
      {about.state === 'loading' && <p>Loading version details…</p>}
      {about.state === 'failed' && <p role="alert">The version details could not be read: {about.message}</p>}
      {about.state === 'ready' && <AboutBox about={about.value} />}
    </>
  );
}
