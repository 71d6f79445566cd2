import type { ObservationValue } from '../../../shared/record/structured-view';

/** An observation's value as one line of text, as main prepared it. */
export function observationText(value: ObservationValue | undefined): string | undefined {
  if (!value) return undefined;
  switch (value.kind) {
    case 'quantity':
      return value.quantity.text;
    case 'coded':
      return value.concept.text;
    default:
      return value.text;
  }
}
