import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { ConsultationsView } from '../../../renderer/features/record-structured/areas/ConsultationsView';
import type { ConsultationItem, RecordedDate } from '../../../shared/record/structured-view';
import { AREA_STATUS_TEXT } from '../../../shared/record/structured-view';

/**
 * Bench-only page (built by the bench with Vite, never shipped): the real consultations list of the structured record
 * with N synthetic consultations. `window.__paint(n)` renders it and resolves once the frame with it has painted,
 * with the milliseconds from render to that paint. Building the rows is not timed.
 */
function day(i: number): RecordedDate {
  const d = new Date(Date.UTC(2025, 11, 31) - i * 86_400_000);
  const iso = d.toISOString().slice(0, 10);
  return { iso, precision: 'day', display: iso, sortKey: `${iso}T00:00` };
}

function consultations(n: number): ConsultationItem[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `Encounter/${i}`,
    identifiers: [`https://example.org/id|${i}`],
    nopat: false,
    notes: [],
    linkedProblems: [],
    date: day(i),
    title: `Surgery consultation ${i}`,
    clinician: 'Dr Nadia Khan',
    location: 'Riverside Medical Practice',
    topics: [
      {
        id: `List/t${i}`,
        title: 'Review',
        headings: [
          {
            id: `List/h${i}`,
            title: 'Examination',
            items: [
              {
                ref: `Observation/o${i}`,
                kind: 'uncategorised',
                display: 'Blood pressure 128/80 mmHg',
                resolved: true,
              },
            ],
          },
        ],
        items: [],
      },
    ],
  }));
}

declare global {
  interface Window {
    __paint: (n: number) => Promise<number>;
  }
}

window.__paint = (n) => {
  const rows = consultations(n);
  const container = document.getElementById('root');
  if (!container) throw new Error('#root missing');
  const root = createRoot(container);
  return new Promise<number>((resolve) => {
    const start = performance.now();
    flushSync(() =>
      root.render(
        <ConsultationsView
          area={{
            availability: {
              status: 'present',
              headline: AREA_STATUS_TEXT.present,
              warnings: [],
              mayBeIncomplete: false,
              itemsWithheld: false,
              notes: [],
              placeholders: [],
              outcomeWarnings: [],
              capability: 'supported',
              itemCount: n,
            },
            consultations: rows,
          }}
        />,
      ),
    );
    // A task queued from the next animation frame runs after that frame is painted.
    requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start), 0));
  });
};
