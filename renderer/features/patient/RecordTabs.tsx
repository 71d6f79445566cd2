import { useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { PatientSummary } from '../../../shared/patient/patient-summary';
import { RECORD_TABS } from './record-tabs';

/** The patient's views as tabs (WAI-ARIA tabs: arrow keys move between them); one view only when there is one. */
export function RecordTabs({ patient }: { readonly patient: PatientSummary }) {
  const [active, setActive] = useState(RECORD_TABS[0]?.id ?? '');
  const current = RECORD_TABS.find((t) => t.id === active) ?? RECORD_TABS[0];
  if (!current) return null;
  if (RECORD_TABS.length === 1) return <current.Component patient={patient} />;
  const onKey = (e: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    e.preventDefault();
    const next = RECORD_TABS[(index + step + RECORD_TABS.length) % RECORD_TABS.length];
    if (next) {
      setActive(next.id);
      document.getElementById(`gpc-tab-${next.id}`)?.focus();
    }
  };
  return (
    <div className="gpc-record-tabs">
      <div role="tablist" aria-label="Patient views" className="gpc-record-tabs__list">
        {RECORD_TABS.map((tab, index) => (
          <button
            key={tab.id}
            id={`gpc-tab-${tab.id}`}
            type="button"
            role="tab"
            aria-selected={tab.id === current.id}
            aria-controls={`gpc-tabpanel-${tab.id}`}
            tabIndex={tab.id === current.id ? 0 : -1}
            className="gpc-record-tabs__tab"
            data-testid={`record-tab-${tab.id}`}
            onClick={() => setActive(tab.id)}
            onKeyDown={(e) => onKey(e, index)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`gpc-tabpanel-${current.id}`} aria-labelledby={`gpc-tab-${current.id}`}>
        <current.Component patient={patient} />
      </div>
    </div>
  );
}
