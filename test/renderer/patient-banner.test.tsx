import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PatientBanner } from '../../renderer/features/patient/PatientBanner';
import { PatientDetails } from '../../renderer/features/patient/PatientDetails';
import type { PatientSummary } from '../../shared/patient/patient-summary';
import { HARTLEY } from './fake-gpc';

const today = new Date(2026, 10, 25);

describe('patient banner (NHS CUI)', () => {
  it('shows name, born date with age, gender, NHS number and source', () => {
    render(<PatientBanner patient={HARTLEY} today={today} />);
    const banner = screen.getByRole('region', { name: 'Patient banner' });
    expect(banner).toHaveTextContent('HARTLEY, Amelia Grace (Mrs)');
    expect(banner).toHaveTextContent('Born12-Mar-1968 (58y)');
    expect(banner).toHaveTextContent('GenderFemale');
    expect(banner).toHaveTextContent('NHS number943 476 5919');
    expect(banner).toHaveTextContent('Source: PDS (test)');
  });

  it('marks a deceased patient, gives the date of death and no running age', () => {
    const deceased: PatientSummary = { ...HARTLEY, deceasedDate: '2025-12-01' };
    render(<PatientBanner patient={deceased} today={today} />);
    const banner = screen.getByRole('region', { name: 'Patient banner' });
    expect(banner).toHaveTextContent('Deceased');
    expect(banner).toHaveTextContent('Died01-Dec-2025');
    expect(banner).not.toHaveTextContent('(58y)');
  });

  it('flags a restricted record in the banner', () => {
    const { address: _a, registeredPractice: _p, ...rest } = HARTLEY;
    render(<PatientBanner patient={{ ...rest, restricted: true }} today={today} />);
    expect(screen.getByRole('region', { name: 'Patient banner' })).toHaveTextContent('Restricted record');
  });
});

describe('patient details', () => {
  it('shows address and practice for an unrestricted patient', () => {
    render(<PatientDetails patient={HARTLEY} />);
    expect(screen.getByTestId('patient-details')).toHaveTextContent('14 Willow Crescent');
    expect(screen.getByTestId('patient-details')).toHaveTextContent('HG1 4RT');
  });

  it('never shows an address for a restricted patient, even if one were present, and says why', () => {
    render(<PatientDetails patient={{ ...HARTLEY, restricted: true }} />);
    expect(screen.queryByText(/Willow Crescent/)).not.toBeInTheDocument();
    expect(screen.queryByText(/HG1 4RT/)).not.toBeInTheDocument();
    expect(screen.getByTestId('restricted-notice')).toHaveTextContent(
      'address, contact details and registered practice are not shown',
    );
  });

  it('says plainly when no address or practice is recorded', () => {
    const { address: _a, registeredPractice: _p, ...rest } = HARTLEY;
    render(<PatientDetails patient={rest} />);
    expect(screen.getByTestId('patient-details')).toHaveTextContent('No current home address recorded');
    expect(screen.getByTestId('patient-details')).toHaveTextContent('No registered GP practice recorded');
  });
});
