import { useEffect, useRef } from 'react';
import type { GpcErrorInfo } from '../../../shared/ipc/errors';

/** The NHS.UK error summary for a refused session step, focused so a screen reader announces it. */
export function SessionError({ error }: { readonly error: GpcErrorInfo | null }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) ref.current?.focus();
  }, [error]);
  if (!error) return null;
  return (
    <div
      className="nhsuk-error-summary"
      aria-labelledby="session-error-title"
      role="alert"
      tabIndex={-1}
      ref={ref}
      data-testid="session-error"
      data-code={error.code}
    >
      <h2 className="nhsuk-error-summary__title" id="session-error-title">
        There is a problem
      </h2>
      <div className="nhsuk-error-summary__body">
        <p>{error.message}</p>
      </div>
    </div>
  );
}
