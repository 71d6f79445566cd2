import { describe, expect, it } from 'vitest';
import { checkNhsNumber, formatNhsNumber, nhsCheckDigit } from '../../shared/nhs/nhs-number';

describe('checkNhsNumber', () => {
  it.each([
    ['9434765919', '9434765919'],
    ['943 476 5919', '9434765919'],
    ['943-476-5919', '9434765919'],
    [' 943 476 5919 ', '9434765919'],
    ['9990000018', '9990000018'],
    ['4010232137', '4010232137'],
    // 11 - remainder 0 = 11 → check digit 0
    ['4010232080', '4010232080'],
  ])('accepts %j as %s', (input, expected) => {
    expect(checkNhsNumber(input)).toEqual({ valid: true, value: expected });
  });

  it.each([
    ['', 'EMPTY', 'Enter an NHS number'],
    ['   ', 'EMPTY', 'Enter an NHS number'],
    ['943 476 591', 'TOO_SHORT', 'too short'],
    ['94347659190', 'TOO_LONG', 'too long'],
    ['943 476 591A', 'NOT_DIGITS', 'only digits'],
    ['943.476.5919', 'NOT_DIGITS', 'only digits'],
    ['943 476 5918', 'BAD_CHECK_DIGIT', 'check digit'],
    ['9434765910', 'BAD_CHECK_DIGIT', 'check digit'],
    // The first nine digits give a check digit of 10: no number starting 943476503 is valid.
    ['9434765030', 'BAD_CHECK_DIGIT', 'check digit'],
    ['9434765031', 'BAD_CHECK_DIGIT', 'check digit'],
  ])('rejects %j as %s', (input, problem, message) => {
    const result = checkNhsNumber(input);
    expect(result.valid).toBe(false);
    if (!result.valid) {
      expect(result.problem).toBe(problem);
      expect(result.message).toContain(message);
    }
  });

  it('computes the modulus 11 check digit, and null for remainder 10', () => {
    expect(nhsCheckDigit('943476591')).toBe(9);
    expect(nhsCheckDigit('401023213')).toBe(7);
    expect(nhsCheckDigit('943476503')).toBeNull();
  });
});

describe('formatNhsNumber', () => {
  it('groups 3-3-4', () => {
    expect(formatNhsNumber('9434765919')).toBe('943 476 5919');
    expect(formatNhsNumber('943-476-5919')).toBe('943 476 5919');
  });
  it('leaves anything that is not 10 digits alone rather than inventing a number', () => {
    expect(formatNhsNumber('94347')).toBe('94347');
    expect(formatNhsNumber('abc')).toBe('abc');
  });
});
