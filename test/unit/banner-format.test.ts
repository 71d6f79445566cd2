import { describe, expect, it } from 'vitest';
import { formatBannerName, formatGender } from '../../shared/patient/banner-format';

describe('formatBannerName', () => {
  it('puts the family name in capitals, then given names, then the title', () => {
    expect(formatBannerName({ family: 'Hartley', given: ['Amelia', 'Grace'], prefix: ['Mrs'] })).toBe(
      'HARTLEY, Amelia Grace (Mrs)',
    );
  });
  it('copes without given names or title', () => {
    expect(formatBannerName({ family: "O'Neill", given: [], prefix: [] })).toBe("O'NEILL");
    expect(formatBannerName({ family: 'Nguyen', given: ['Isla'], prefix: [] })).toBe('NGUYEN, Isla');
  });
});

describe('formatGender', () => {
  it('says "Not known" rather than showing a code', () => {
    expect(formatGender('unknown')).toBe('Not known');
    expect(formatGender('female')).toBe('Female');
  });
});
