import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/App';
import type { SessionState } from '../../shared/ipc/features/session.contract';
import type { Result } from '../../shared/ipc/errors';
import { ACTIVE_SESSION, HARTLEY, fakeGpc } from './fake-gpc';

/** The session gate: nothing of the workstation before sign-in; lock unmounts the patient and forgets it. */
function sessionApi(initial: SessionState) {
  let session = initial;
  const calls: { channel: string; input: unknown }[] = [];
  const api = fakeGpc(
    (channel, input): Promise<Result<unknown>> => {
      calls.push({ channel, input });
      if (channel === 'patient.lookup') return Promise.resolve({ ok: true, value: HARTLEY });
      if (channel === 'session.signInWithCard') {
        return Promise.resolve({
          ok: false,
          error: { code: 'PIN_INCORRECT', message: 'Passcode incorrect: 1 try left before the card locks.' },
        });
      }
      if (channel.startsWith('session.')) return Promise.resolve({ ok: true, value: session });
      return new Promise(() => undefined);
    },
    { ownSession: true },
  );
  return { api, calls, set: (next: SessionState) => (session = next) };
}

const SIGNED_OUT: SessionState = { phase: 'signed-out', demo: false, card: 'present', inactivityMinutes: 10 };

describe('session gate', () => {
  it('shows only sign-in before sign-in; the passcode goes to main once and the field is emptied', async () => {
    const { api, calls } = sessionApi(SIGNED_OUT);
    render(<App api={api} />);
    const pin = await screen.findByLabelText('Smartcard passcode');
    expect(screen.queryByLabelText('Find a patient by NHS number')).not.toBeInTheDocument();
    const user = userEvent.setup();
    await user.type(pin, '1234{Enter}');
    expect(await screen.findByTestId('session-error')).toHaveTextContent('1 try left');
    expect(pin).toHaveValue('');
    expect(calls.filter((c) => c.channel === 'session.signInWithCard')).toEqual([
      { channel: 'session.signInWithCard', input: { pin: '1234' } },
    ]);
  });

  it('a lock noticed by polling unmounts the patient, and after unlock the patient is not back', async () => {
    const { api, set } = sessionApi(ACTIVE_SESSION);
    render(<App api={api} />);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Find a patient by NHS number'), '9434765919{Enter}');
    expect(await screen.findByRole('region', { name: 'Patient banner' })).toHaveTextContent('HARTLEY');

    set({ ...ACTIVE_SESSION, phase: 'locked', lockReason: 'card-removed' });
    expect(await screen.findByTestId('lock-screen', {}, { timeout: 3000 })).toBeInTheDocument();
    expect(screen.queryByText(/HARTLEY/)).not.toBeInTheDocument();

    set(ACTIVE_SESSION);
    await screen.findByLabelText('Find a patient by NHS number', {}, { timeout: 3000 });
    await act(async () => undefined);
    expect(screen.queryByRole('region', { name: 'Patient banner' })).not.toBeInTheDocument();
    expect(screen.getByTestId('session-user')).toHaveTextContent('Dr Claire Jones');
  });
});
