import type { ReactNode } from 'react';
import type { AppInfo } from '../../../shared/ipc/contract';
import type { ScreenDef } from './screens';

/** Service header; in demo mode a badge that cannot be missed says the data is synthetic. */
export function AppHeader({
  info,
  screens,
  current,
  onNavigate,
  session,
}: {
  readonly info: AppInfo | null;
  readonly screens: readonly ScreenDef[];
  readonly current: string | undefined;
  readonly onNavigate: (id: string) => void;
  /** Who is signed in, and the session actions (the session feature fills it). */
  readonly session?: ReactNode;
}) {
  return (
    <header className="nhsuk-header gpc-header" role="banner">
      <div className="nhsuk-width-container gpc-header__container">
        <span className="gpc-header__service">GP Connect Workstation</span>
        {info?.mode === 'demo' && (
          <strong className="nhsuk-tag nhsuk-tag--yellow gpc-header__mode" data-testid="demo-badge">
            Demo mode: synthetic patients only
          </strong>
        )}
        {screens.length > 1 && (
          <nav className="gpc-header__nav" aria-label="Workstation">
            {screens.map((s) => (
              <button
                key={s.id}
                type="button"
                className="gpc-header__nav-item"
                aria-current={s.id === current ? 'page' : undefined}
                data-testid={`nav-${s.id}`}
                onClick={() => onNavigate(s.id)}
              >
                {s.label}
              </button>
            ))}
          </nav>
        )}
        {info && <span className="gpc-header__version">Version {info.version}</span>}
        {session}
      </div>
      {info?.flavour === 'demo' && (
        <div className="gpc-demo-build" role="note" aria-label="Demo build" data-testid="demo-build-banner">
          Demo build for training and demonstration: synthetic patients only, never connected to NHS Spine. Do not use
          for patient care.
        </div>
      )}
    </header>
  );
}
