import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { SlotView } from '../../shared/appointments/slots';
import type { Result } from '../../shared/ipc/errors';
import type { SlotSearchProgress } from '../../shared/ipc/features/appointments.contract';
import { GpcContext } from '../../renderer/gpc-context';
import { AppointmentsView } from '../../renderer/features/appointments/AppointmentsView';
import { HARTLEY, deferred, fakeGpc } from './fake-gpc';

/**
 * The Appointments tab against a stand-in `window.gpc`: results per practice as they arrive, the failure named,
 * one booking request per press however often it is clicked, and the lost-reply question only after main's check.
 */
const SLOT: SlotView = {
  odsCode: 'A20047',
  id: '700001',
  start: '2030-03-12T09:00:00+00:00',
  end: '2030-03-12T09:10:00+00:00',
  date: '2030-03-12',
  startTime: '09:00',
  endTime: '09:10',
  zone: 'GMT',
  minutes: 10,
  channel: 'In-person',
  slotType: 'General GP Appointment',
  scheduleId: 'A20047-S1',
  locationName: 'Riverside Main Surgery',
  practitionerName: 'Dr Nadia Ashworth',
  role: 'General Medical Practitioner',
  bookable: true,
};

function progress(done: boolean): SlotSearchProgress {
  return {
    searchId: '00000000-0000-4000-8000-000000000001',
    done,
    practices: [
      { odsCode: 'A20047', practiceName: 'Riverside Medical Practice', state: 'done', ms: 200, slots: [SLOT] },
      done ? { odsCode: 'B82617', state: 'done', ms: 3000, slots: [] } : { odsCode: 'B82617', state: 'pending' },
      {
        odsCode: 'C84123',
        state: 'failed',
        ms: 300,
        error: {
          code: 'INTERNAL_SERVER_ERROR',
          message: 'The practice system had an internal error. Try again later.',
        },
      },
    ],
  };
}

function setup(book: () => Promise<Result<unknown>>) {
  const calls: { channel: string; input: unknown }[] = [];
  let polls = 0;
  const api = fakeGpc((channel, input) => {
    calls.push({ channel, input });
    if (channel === 'slots.searchStart') {
      return Promise.resolve({
        ok: true,
        value: { searchId: progress(false).searchId, practices: ['A20047', 'B82617', 'C84123'], windows: [] },
      });
    }
    if (channel === 'slots.searchPoll') {
      polls += 1;
      return Promise.resolve({ ok: true, value: progress(polls > 3) });
    }
    if (channel === 'appointment.book') return book();
    return new Promise(() => undefined);
  });
  render(
    <GpcContext.Provider value={api}>
      <AppointmentsView patient={HARTLEY} />
    </GpcContext.Provider>,
  );
  return { calls, user: userEvent.setup() };
}

async function searchAndChoose(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText('Other practices or hubs (ODS codes)'), 'b82617, C84123');
  await user.click(screen.getByRole('button', { name: 'Search for slots' }));
  const riverside = await screen.findByRole('region', { name: 'Slots at Riverside Medical Practice (A20047)' });
  return riverside;
}

// user-event typing on a loaded 2-core machine takes seconds; these assert behaviour, not speed.
describe('appointments tab', { timeout: 20_000 }, () => {
  it('shows each practice as it answers, names the failure, and the slot in UK time', async () => {
    const { user, calls } = setup(() => new Promise(() => undefined));
    const riverside = await searchAndChoose(user);
    expect(calls.find((c) => c.channel === 'slots.searchStart')?.input).toMatchObject({
      nhsNumber: '9434765919',
      practices: ['A20047', 'B82617', 'C84123'],
    });
    expect(within(riverside).getByText('12-Mar-2030')).toBeInTheDocument();
    expect(riverside).toHaveTextContent('09:00–09:10 GMT');
    expect(screen.getByTestId('practice-B82617')).toHaveTextContent('Waiting for the practice to answer');
    expect(screen.getByTestId('practice-failed-C84123')).toHaveTextContent(
      'No slots from C84123The practice system had an internal error',
    );
    expect(await screen.findByText(/All 3 practices have answered/)).toBeInTheDocument();
  });

  it('counts description and comment, and a double click books once', async () => {
    const answer = deferred<Result<unknown>>();
    const { user, calls } = setup(() => answer.promise);
    const riverside = await searchAndChoose(user);
    await user.click(within(riverside).getByRole('button', { name: /^Choose/ }));
    const form = screen.getByTestId('booking-form');
    await user.type(within(form).getByLabelText('Description'), 'Review');
    expect(within(form).getByTestId('description-count')).toHaveTextContent('6 of 100 characters');
    await user.dblClick(within(form).getByTestId('book-button'));
    expect(within(form).getByTestId('book-button')).toBeDisabled();
    expect(calls.filter((c) => c.channel === 'appointment.book')).toHaveLength(1);
    answer.resolve({
      ok: false,
      error: {
        code: 'BOOKING_NOT_CONFIRMED',
        message: 'The practice did not answer the booking, and the appointment is not in the patient’s appointments.',
      },
    });
    const failure = await screen.findByTestId('booking-failure');
    expect(failure).toHaveTextContent('Not booked: the practice did not answer');
    expect(within(failure).getByRole('button', { name: 'Yes, try booking again' })).toBeInTheDocument();
  });

  it('a slot taken meanwhile: says so, searches again, keeps the text', async () => {
    const { user, calls } = setup(() =>
      Promise.resolve({
        ok: false,
        error: { code: 'SLOT_TAKEN', message: 'This slot has just been taken by someone else.' },
      }),
    );
    const riverside = await searchAndChoose(user);
    await user.click(within(riverside).getByRole('button', { name: /^Choose/ }));
    await user.type(within(screen.getByTestId('booking-form')).getByLabelText('Description'), 'Asthma review');
    await user.click(screen.getByTestId('book-button'));
    expect(await screen.findByTestId('slot-taken')).toHaveTextContent('This slot has just been taken');
    expect(calls.filter((c) => c.channel === 'slots.searchStart')).toHaveLength(2);
    const again = await screen.findByRole('region', { name: 'Slots at Riverside Medical Practice (A20047)' });
    await user.click(within(again).getByRole('button', { name: /^Choose/ }));
    expect(within(screen.getByTestId('booking-form')).getByLabelText('Description')).toHaveValue('Asthma review');
  });
});
