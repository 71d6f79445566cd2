/**
 * NHS number validation and display (NHS Data Dictionary: 10 digits, modulus 11 check digit).
 * Pure: used by the renderer for instant feedback and by main as the authoritative check.
 */

export type NhsNumberProblem = 'EMPTY' | 'NOT_DIGITS' | 'TOO_SHORT' | 'TOO_LONG' | 'BAD_CHECK_DIGIT';

export type NhsNumberCheck =
  | { readonly valid: true; readonly value: string }
  | { readonly valid: false; readonly problem: NhsNumberProblem; readonly message: string };

const MESSAGES: Readonly<Record<NhsNumberProblem, string>> = {
  EMPTY: 'Enter an NHS number',
  NOT_DIGITS: 'NHS number must contain only digits (spaces and dashes are allowed)',
  TOO_SHORT: 'NHS number is too short: it must be 10 digits',
  TOO_LONG: 'NHS number is too long: it must be 10 digits',
  BAD_CHECK_DIGIT: 'NHS number is not valid: the check digit does not match. Check it has been typed correctly',
};

/** Separators people type or scanners emit between digit groups. */
const SEPARATORS = /[\s-]/g;

/** Modulus 11 check digit of the first nine digits, or null when the number can never be valid (remainder 1 → 10). */
export function nhsCheckDigit(firstNine: string): number | null {
  let sum = 0;
  for (let i = 0; i < 9; i += 1) {
    sum += Number(firstNine[i]) * (10 - i);
  }
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return null;
  return check;
}

export function checkNhsNumber(input: string): NhsNumberCheck {
  const compact = input.replace(SEPARATORS, '');
  const fail = (problem: NhsNumberProblem): NhsNumberCheck => ({ valid: false, problem, message: MESSAGES[problem] });
  if (compact.length === 0) return fail('EMPTY');
  if (!/^[0-9]+$/.test(compact)) return fail('NOT_DIGITS');
  if (compact.length < 10) return fail('TOO_SHORT');
  if (compact.length > 10) return fail('TOO_LONG');
  const expected = nhsCheckDigit(compact.slice(0, 9));
  if (expected === null || expected !== Number(compact[9])) return fail('BAD_CHECK_DIGIT');
  return { valid: true, value: compact };
}

export function isValidNhsNumber(input: string): boolean {
  return checkNhsNumber(input).valid;
}

/** `9434765919` → `943 476 5919` (NHS CUI 3-3-4 grouping). Leaves anything that is not 10 digits unchanged. */
export function formatNhsNumber(value: string): string {
  const compact = value.replace(SEPARATORS, '');
  if (!/^[0-9]{10}$/.test(compact)) return value;
  return `${compact.slice(0, 3)} ${compact.slice(3, 6)} ${compact.slice(6)}`;
}
