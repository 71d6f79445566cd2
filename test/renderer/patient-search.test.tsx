import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { App } from '../../renderer/App';
import type { Result } from '../../shared/ipc/errors';
import type { PatientSummary } from '../../shared/patient/patient-summary';
import { HARTLEY, fakeGpc } from './fake-gpc';

async function setup(lookup: (nhsNumber: string) => Promise<Result<PatientSummary>>) {
  const calls: string[] = [];
  const api = fakeGpc((channel, input) => {
    if (channel === 'app.info') {
      return Promise.resolve({
        ok: true,
        value: { name: 'GP Connect Workstation', version: '9.9.9', mode: 'demo', host: 'preview' },
      });
    }
    // The record view asks for the Summary once a patient is shown; these tests are about the trace only.
    if (channel !== 'patient.lookup') return new Promise(() => undefined);
    const nhsNumber = (input as { nhsNumber: string }).nhsNumber;
    calls.push(nhsNumber);
    return lookup(nhsNumber);
  });
  render(<App api={api} />);
  // The session gate asks main who is signed in before it shows the workstation.
  await screen.findByLabelText('Find a patient by NHS number');
  return { calls, user: userEvent.setup() };
}

describe('find a patient by NHS number', () => {
  it('shows the banner after a successful trace', async () => {
    const { user, calls } = await setup(() => Promise.resolve({ ok: true, value: HARTLEY }));
    await user.type(screen.getByLabelText('Find a patient by NHS number'), '943 476 5919');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    const banner = await screen.findByRole('region', { name: 'Patient banner' });
    expect(within(banner).getByRole('heading')).toHaveTextContent('HARTLEY, Amelia Grace (Mrs)');
    expect(banner).toHaveTextContent('943 476 5919');
    expect(banner).toHaveTextContent('12-Mar-1968');
    expect(calls).toEqual(['9434765919']);
    expect(screen.getByTestId('patient-details')).toHaveTextContent('Riverside Medical Practice (A20047)');
  });

  it.each([
    ['943 476 5918', 'check digit does not match'],
    ['94347', 'too short'],
    ['943 476 591X', 'only digits'],
    ['', 'Enter an NHS number'],
  ])(
    'for %j shows the specific problem in the error summary and by the field, and makes no call',
    async (typed, message) => {
      const { user, calls } = await setup(() => Promise.resolve({ ok: true, value: HARTLEY }));
      if (typed) await user.type(screen.getByLabelText('Find a patient by NHS number'), typed);
      await user.click(screen.getByRole('button', { name: 'Search' }));
      const summary = await screen.findByRole('alert');
      expect(summary).toHaveTextContent('There is a problem');
      expect(summary).toHaveTextContent(message);
      expect(screen.getByLabelText('Find a patient by NHS number')).toHaveAttribute('aria-invalid', 'true');
      expect(calls).toEqual([]);
      expect(screen.queryByRole('region', { name: 'Patient banner' })).not.toBeInTheDocument();
    },
  );

  it('shows the message main returns when the patient is not found, with the number searched', async () => {
    const { user } = await setup(() =>
      Promise.resolve({
        ok: false,
        error: { code: 'PATIENT_NOT_FOUND', message: 'No patient was found with that NHS number.' },
      }),
    );
    await user.type(screen.getByLabelText('Find a patient by NHS number'), '9990002231');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    const failure = await screen.findByTestId('trace-failure');
    expect(failure).toHaveTextContent('No patient was found with that NHS number.');
    expect(failure).toHaveTextContent('999 000 2231');
  });

  it('can be used with the keyboard alone: type, Enter, and the error link moves focus to the field', async () => {
    const { user } = await setup(() => Promise.resolve({ ok: true, value: HARTLEY }));
    const input = screen.getByLabelText('Find a patient by NHS number');
    input.focus();
    await user.keyboard('123{Enter}');
    const link = within(await screen.findByRole('alert')).getByRole('link');
    link.focus();
    await user.keyboard('{Enter}');
    expect(input).toHaveFocus();
    await user.clear(input);
    await user.keyboard('9434765919{Enter}');
    expect(await screen.findByRole('region', { name: 'Patient banner' })).toBeInTheDocument();
  });

  it('shows the demo badge from app.info', async () => {
    await setup(() => Promise.resolve({ ok: true, value: HARTLEY }));
    expect(await screen.findByTestId('demo-badge')).toHaveTextContent('Demo mode');
  });

  it('says which number is being traced while waiting', async () => {
    let release: (r: Result<PatientSummary>) => void = () => undefined;
    const lookup = vi.fn(() => new Promise<Result<PatientSummary>>((r) => (release = r)));
    const { user } = await setup(lookup);
    await user.type(screen.getByLabelText('Find a patient by NHS number'), '9434765919');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    expect(screen.getByText('Tracing 943 476 5919…')).toBeInTheDocument();
    release({ ok: true, value: HARTLEY });
    expect(await screen.findByRole('region', { name: 'Patient banner' })).toBeInTheDocument();
    expect(lookup).toHaveBeenCalledTimes(1);
  });
});

describe('superseded NHS number', () => {
  it('says the searched number was replaced and shows the current one in the banner', async () => {
    const { user } = await setup(() =>
      Promise.resolve({ ok: true, value: { ...HARTLEY, nhsNumber: '9990002002', supersededFrom: '9658220215' } }),
    );
    await user.type(screen.getByLabelText('Find a patient by NHS number'), '9658220215{Enter}');
    expect(await screen.findByTestId('superseded-notice')).toHaveTextContent(
      'NHS number 965 822 0215 has been replaced on PDS by 999 000 2002',
    );
    expect(screen.getByRole('region', { name: 'Patient banner' })).toHaveTextContent('999 000 2002');
  });
});
