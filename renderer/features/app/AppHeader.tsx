import type { AppInfo } from '../../../shared/ipc/contract';

/** Service header; in demo mode a badge that cannot be missed says the data is synthetic. */
export function AppHeader({ info }: { readonly info: AppInfo | null }) {
  return (
    <header className="nhsuk-header gpc-header" role="banner">
      <div className="nhsuk-width-container gpc-header__container">
        <span className="gpc-header__service">GP Connect Workstation</span>
        {info?.mode === 'demo' && (
          <strong className="nhsuk-tag nhsuk-tag--yellow gpc-header__mode" data-testid="demo-badge">
            Demo mode: synthetic patients only
          </strong>
        )}
        {info && <span className="gpc-header__version">Version {info.version}</span>}
      </div>
    </header>
  );
}
