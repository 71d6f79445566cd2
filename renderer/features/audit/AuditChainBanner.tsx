import { useEffect, useState } from 'react';
import type { AuditChainStatus } from '../../../shared/audit/audit-record';
import { useGpc } from '../../gpc-context';

/**
 * Shown to audit admins on every screen when the trail's chain did not verify at start (or cannot be written):
 * the break is reported, never repaired, and someone must look at it.
 */
export function AuditChainBanner() {
  const api = useGpc();
  const [chain, setChain] = useState<AuditChainStatus | null>(null);
  useEffect(() => {
    let live = true;
    void api.audit.status().then((r) => {
      if (live && r.ok && r.value.chain) setChain(r.value.chain);
    });
    return () => {
      live = false;
    };
  }, [api]);
  if (!chain || (chain.breaks.length === 0 && !chain.writeFailure)) return null;
  return (
    <div className="nhsuk-width-container">
      <div className="nhsuk-error-summary gpc-audit-alert" role="alert" data-testid="audit-chain-alert">
        <h2 className="nhsuk-error-summary__title">
          {chain.writeFailure ? 'The audit trail cannot be written' : 'The audit trail failed its integrity check'}
        </h2>
        <div className="nhsuk-error-summary__body">
          {chain.writeFailure ? (
            <p>Actions on patient records are refused until this is fixed: {chain.writeFailure}</p>
          ) : (
            <>
              <p>
                {chain.breaks.length} problem{chain.breaks.length === 1 ? '' : 's'} found when the chain was verified at{' '}
                {chain.verifiedAt}. The problem has been recorded in the trail. Do not edit or delete audit files; tell
                your IT service desk or information governance lead.
              </p>
              <ul className="nhsuk-list nhsuk-list--bullet">
                {chain.breaks.slice(0, 5).map((b) => (
                  <li key={b}>{b}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      </div>
    </div>
  );
}
