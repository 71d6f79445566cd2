import type { GpcErrorInfo } from '../../../shared/ipc/errors';
import { describeRecordError } from './record-errors';

/**
 * Why the record (a section of it, or the structured record) could not be shown, in the clinician's words, what to
 * do next, a retry where one can help, and the Spine details the service desk asks for.
 */
export function RecordFailure({
  error,
  onRetry,
  testId = 'record-failure',
  headingLevel = 4,
}: {
  readonly error: GpcErrorInfo;
  readonly onRetry: () => void;
  readonly testId?: string;
  /** The card's heading sits under the view's own heading: h4 under a section, h3 under the structured record. */
  readonly headingLevel?: 3 | 4;
}) {
  const problem = describeRecordError(error);
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <div className="nhsuk-card nhsuk-card--feature gpc-failure" data-testid={testId} role="alert">
      <div className="nhsuk-card__content nhsuk-card__content--feature">
        <Heading className="nhsuk-card__heading nhsuk-card__heading--feature">{problem.title}</Heading>
        <p className="nhsuk-card__description">{problem.message}</p>
        <p className="nhsuk-card__description">
          <strong>What to do next:</strong> {problem.next}
        </p>
        {problem.retry && (
          <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={onRetry}>
            Try again
          </button>
        )}
        {error.spine && (
          <details className="nhsuk-details">
            <summary className="nhsuk-details__summary">
              <span className="nhsuk-details__summary-text">Details for the service desk</span>
            </summary>
            <div className="nhsuk-details__text">
              <p>
                Code {error.spine.code}
                {error.spine.httpStatus !== undefined && `, HTTP ${error.spine.httpStatus}`}
                {error.spine.traceId && `, trace ID ${error.spine.traceId}`}
              </p>
            </div>
          </details>
        )}
      </div>
    </div>
  );
}
