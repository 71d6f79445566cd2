import type { HtmlRecordSection } from '../../shared/gpconnect/html-record-view';

/** Far more than one patient's ten sections with a few refreshes; old views go first. */
const MAX_VIEWS = 60;

/**
 * The record sections main has sent to the screen in this session, by `Ssp-TraceID`, so a printout is composed from
 * exactly what the clinician saw (already sanitised), never from HTML the renderer hands back. Memory only, bounded,
 * cleared with the session.
 */
export class RetrievedSections {
  private readonly views = new Map<string, HtmlRecordSection>();

  remember(view: HtmlRecordSection): void {
    this.views.delete(view.traceId);
    this.views.set(view.traceId, view);
    while (this.views.size > MAX_VIEWS) {
      const oldest = this.views.keys().next().value;
      if (oldest === undefined) break;
      this.views.delete(oldest);
    }
  }

  /** The view retrieved under that trace ID for that patient; undefined if unknown, evicted or someone else's. */
  find(nhsNumber: string, traceId: string): HtmlRecordSection | undefined {
    const view = this.views.get(traceId);
    return view?.nhsNumber === nhsNumber ? view : undefined;
  }

  clear(): void {
    this.views.clear();
  }
}
