import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { ConsultationsView } from '../../../renderer/features/record-structured/areas/ConsultationsView';
import type { ConsultationItem } from '../../../shared/record/structured-view';
import { availability, consultation } from '../../renderer/structured-fixtures';

/**
 * Bench-only page (built by the bench with Vite, never shipped): the real consultations list of the structured record
 * with N synthetic consultations. `window.__paint(n)` renders it and resolves once the frame with it has painted,
 * with the milliseconds from render to that paint. Building the rows is not timed.
 */
/** N consultations, one a day back from the end of 2025, as the renderer tests build them. */
function consultations(n: number): ConsultationItem[] {
  return Array.from({ length: n }, (_, i) =>
    consultation(i, new Date(Date.UTC(2025, 11, 31) - i * 86_400_000).toISOString().slice(0, 10)),
  );
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
            availability: availability('present', { itemCount: n }),
            consultations: rows,
          }}
        />,
      ),
    );
    // A task queued from the next animation frame runs after that frame is painted.
    requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start), 0));
  });
};
