import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/App';
import type { Result } from '../../shared/ipc/errors';
import type { PatientSummary } from '../../shared/patient/patient-summary';
import { HARTLEY, deferred, fakeGpc } from './fake-gpc';

const OKAFOR: PatientSummary = {
  ...HARTLEY,
  nhsNumber: '9990000018',
  name: { prefix: ['Mr'], given: ['Oliver'], family: 'Okafor' },
};

describe('one patient context per window', () => {
  it('discards a slow answer for patient A that arrives after searching for patient B', async () => {
    const pending = new Map<string, ReturnType<typeof deferred<Result<PatientSummary>>>>();
    const api = fakeGpc((channel, input) => {
      if (channel !== 'patient.lookup') return new Promise(() => undefined);
      const d = deferred<Result<PatientSummary>>();
      pending.set((input as { nhsNumber: string }).nhsNumber, d);
      return d.promise;
    });
    render(<App api={api} />);
    const user = userEvent.setup();
    const input = await screen.findByLabelText('Find a patient by NHS number');

    await user.type(input, '9434765919{Enter}');
    await user.clear(input);
    await user.type(input, '9990000018{Enter}');

    await act(async () => pending.get('9990000018')?.resolve({ ok: true, value: OKAFOR }));
    await act(async () => pending.get('9434765919')?.resolve({ ok: true, value: HARTLEY }));

    const banner = screen.getByRole('region', { name: 'Patient banner' });
    expect(banner).toHaveTextContent('OKAFOR, Oliver (Mr)');
    expect(screen.queryByText(/HARTLEY/)).not.toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Patient banner' })).toHaveTextContent('999 000 0018');
  });
});
