import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/App';
import type { HtmlRecordSection } from '../../shared/gpconnect/html-record-view';
import type { GpcErrorInfo, Result } from '../../shared/ipc/errors';
import type { PatientSummary } from '../../shared/patient/patient-summary';
import { HARTLEY, deferred, fakeGpc } from './fake-gpc';

const OKAFOR: PatientSummary = {
  ...HARTLEY,
  nhsNumber: '9990000018',
  name: { prefix: ['Mr'], given: ['Oliver'], family: 'Okafor' },
};

function sectionFor(
  patient: PatientSummary,
  code: HtmlRecordSection['section']['code'],
  text: string,
): HtmlRecordSection {
  return {
    nhsNumber: patient.nhsNumber,
    section: { code, title: code === 'SUM' ? 'Summary' : 'Medications' },
    html: `<div><h1>${code}</h1><div class="date-banner"><p>${text}</p></div></div>`,
    contentRemoved: false,
    crossCheck: { checked: true, differences: [] },
    practice: { odsCode: 'A20047', name: 'Riverside Medical Practice' },
    retrievedAt: '2026-11-25T10:05:00Z',
    traceId: '7413c66e-9d8f-492e-9849-95142178acfb',
  };
}

interface RecordCall {
  readonly nhsNumber: string;
  readonly section: string;
  readonly from?: string;
  readonly to?: string;
  readonly answer: ReturnType<typeof deferred<Result<unknown>>>;
}

/** The workstation with a fake `window.gpc`: traces answer at once, every record request waits for the test. */
async function setup(patients: readonly PatientSummary[] = [HARTLEY, OKAFOR]) {
  const records: RecordCall[] = [];
  const lookups = new Map<string, ReturnType<typeof deferred<Result<unknown>>>>();
  const api = fakeGpc((channel, input) => {
    if (channel === 'app.info') return new Promise(() => undefined);
    if (channel === 'patient.lookup') {
      const { nhsNumber } = input as { nhsNumber: string };
      const patient = patients.find((p) => p.nhsNumber === nhsNumber);
      const d = deferred<Result<unknown>>();
      lookups.set(nhsNumber, d);
      if (patient) d.resolve({ ok: true, value: patient });
      return d.promise;
    }
    const answer = deferred<Result<unknown>>();
    records.push({ ...(input as Omit<RecordCall, 'answer'>), answer });
    return answer.promise;
  });
  render(<App api={api} />);
  // The session gate asks main who is signed in before it shows the workstation.
  await screen.findByLabelText('Find a patient by NHS number');
  const user = userEvent.setup();
  const search = async (nhsNumber: string) => {
    const field = screen.getByLabelText('Find a patient by NHS number');
    await user.clear(field);
    await user.type(field, `${nhsNumber}{Enter}`);
  };
  return { records, user, search };
}

const frame = () => screen.getByTestId('record-frame');
const error = (code: string, spine?: GpcErrorInfo['spine'], message = 'sentence from main'): Result<unknown> => ({
  ok: false,
  error: { code: code as GpcErrorInfo['code'], message, ...(spine ? { spine } : {}) },
});

describe('GP record as HTML', () => {
  // The first test of the file also pays for warming up the App on a loaded machine.
  it(
    'opens the Summary first, shows the sanitised HTML in a sandboxed frame that cannot run script',
    { timeout: 20_000 },
    async () => {
      const { records, search } = await setup();
      await search('9434765919');
      await screen.findByTestId('record-html');
      expect(records.map((r) => [r.nhsNumber, r.section])).toEqual([['9434765919', 'SUM']]);
      await act(async () =>
        records[0]?.answer.resolve({ ok: true, value: sectionFor(HARTLEY, 'SUM', 'Date filter not applied') }),
      );
      const iframe = frame();
      expect(iframe).toHaveAttribute('sandbox', 'allow-same-origin');
      expect(iframe.getAttribute('sandbox')).not.toContain('allow-scripts');
      expect(iframe.getAttribute('srcdoc')).toContain('<div class="date-banner"><p>Date filter not applied</p></div>');
      expect(iframe.getAttribute('srcdoc')).toContain('record-frame.css');
      expect(screen.getByTestId('record-source')).toHaveTextContent(
        /From Riverside Medical Practice \(A20047\), retrieved 25-Nov-2026 \d\d:\d\d/,
      );
      // The banner stays above the record.
      expect(screen.getByRole('region', { name: 'Patient banner' })).toHaveTextContent('HARTLEY');
      const nav = screen.getByRole('navigation', { name: 'Record sections' });
      expect(
        within(nav)
          .getAllByRole('button')
          .map((b) => b.textContent),
      ).toEqual([
        'Summary',
        'Administrative Items',
        'Allergies and Adverse Reactions',
        'Clinical Items',
        'Encounters',
        'Immunisations',
        'Medications',
        'Observations',
        'Problems and Issues',
        'Referrals',
      ]);
      expect(within(nav).getByRole('button', { name: 'Summary' })).toHaveAttribute('aria-current', 'true');
    },
  );

  it('loads each section on demand, once, keeps it for the session, and refreshes on request', async () => {
    const { records, search, user } = await setup();
    await search('9434765919');
    await act(async () => records[0]?.answer.resolve({ ok: true, value: sectionFor(HARTLEY, 'SUM', 's') }));
    await user.click(screen.getByRole('button', { name: 'Medications' }));
    expect(records.map((r) => r.section)).toEqual(['SUM', 'MED']);
    await act(async () => records[1]?.answer.resolve({ ok: true, value: sectionFor(HARTLEY, 'MED', 'm') }));
    await user.click(screen.getByRole('button', { name: 'Summary' }));
    await user.click(screen.getByRole('button', { name: 'Medications' }));
    expect(records).toHaveLength(2);
    await user.click(screen.getByRole('button', { name: /^Refresh\s*Medications$/ }));
    expect(records.map((r) => r.section)).toEqual(['SUM', 'MED', 'MED']);
  });

  it('offers the date filter only where the section takes one, and sends it', async () => {
    const { records, search, user } = await setup();
    await search('9434765919');
    expect(screen.queryByRole('group', { name: 'From' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Allergies and Adverse Reactions' }));
    expect(screen.queryByRole('group', { name: 'From' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Medications' }));
    const typeDate = async (group: string, day: string, month: string, year: string) => {
      const fields = within(screen.getByRole('group', { name: group }));
      await user.type(fields.getByLabelText('Day'), day);
      await user.type(fields.getByLabelText('Month'), month);
      await user.type(fields.getByLabelText('Year'), year);
    };
    await typeDate('From', '1', '1', '2020');
    await typeDate('To', '31', '12', '2024');
    await user.click(screen.getByRole('button', { name: 'Apply dates' }));
    expect(records.at(-1)).toMatchObject({ section: 'MED', from: '2020-01-01', to: '2024-12-31' });
  });

  it('names a date filter problem against its box and sends nothing', async () => {
    const { records, search, user } = await setup();
    await search('9434765919');
    await user.click(screen.getByRole('button', { name: 'Medications' }));
    const sent = records.length;
    const from = within(screen.getByRole('group', { name: 'From' }));
    await user.type(from.getByLabelText('Day'), '31');
    await user.type(from.getByLabelText('Month'), '2');
    await user.type(from.getByLabelText('Year'), '2020');
    await user.click(screen.getByRole('button', { name: 'Apply dates' }));
    expect(screen.getByRole('group', { name: 'From' })).toHaveTextContent('Start date must be a real date');
    expect(records).toHaveLength(sent);
  });

  it('discards a slow record answer for patient A that arrives after switching to patient B', async () => {
    const { records, search } = await setup();
    await search('9434765919');
    await screen.findByTestId('record-html');
    const slowA = records[0];
    await search('9990000018');
    await screen.findByText('OKAFOR, Oliver (Mr)');
    const forB = records[1];
    expect(forB?.nhsNumber).toBe('9990000018');
    await act(async () => slowA?.answer.resolve({ ok: true, value: sectionFor(HARTLEY, 'SUM', 'HARTLEY SECRET') }));
    expect(screen.queryByTestId('record-frame')).not.toBeInTheDocument();
    await act(async () => forB?.answer.resolve({ ok: true, value: sectionFor(OKAFOR, 'SUM', 'okafor summary') }));
    expect(frame().getAttribute('srcdoc')).toContain('okafor summary');
    expect(document.body.innerHTML).not.toContain('HARTLEY SECRET');
    expect(screen.getByRole('region', { name: 'Patient banner' })).toHaveTextContent('OKAFOR');
  });

  it('an answer naming another NHS number than the banner is never shown', async () => {
    const { records, search } = await setup();
    await search('9434765919');
    await act(async () => records[0]?.answer.resolve({ ok: true, value: sectionFor(OKAFOR, 'SUM', 'wrong person') }));
    expect(screen.queryByTestId('record-frame')).not.toBeInTheDocument();
  });

  it('names each field that differs from PDS, with both values', async () => {
    const { records, search } = await setup();
    await search('9434765919');
    const view = {
      ...sectionFor(HARTLEY, 'SUM', 's'),
      crossCheck: { checked: true, differences: [{ field: 'Family name', pds: 'HARTLEY', practice: 'GARSIDE' }] },
    };
    await act(async () => records[0]?.answer.resolve({ ok: true, value: view }));
    const warning = screen.getByTestId('cross-check-warning');
    expect(warning).toHaveTextContent('The practice’s details for this patient differ from PDS');
    expect(within(warning).getByRole('row', { name: /Family name/ })).toHaveTextContent('Family nameHARTLEYGARSIDE');
  });

  it.each([
    ['NO_PATIENT_CONSENT', 'The patient has not consented to share their GP record', false],
    ['ACCESS DENIED', 'GP Connect is switched off at this practice', false],
    ['SSP_NO_SHARING_AGREEMENT', 'Your organisation has no data sharing agreement with this practice', false],
    ['PATIENT_NOT_FOUND', 'The practice has no record for this patient', false],
    ['TIMEOUT', 'The practice could not be reached', true],
  ])('%s: says what happened and what to do next', async (spineCode, title, retry) => {
    const { records, search, user } = await setup();
    await search('9434765919');
    await act(async () =>
      records[0]?.answer.resolve(error('SPINE_ERROR', { code: spineCode, httpStatus: 403, traceId: 'trace-1' })),
    );
    const failure = screen.getByTestId('record-failure');
    expect(failure).toHaveTextContent(title);
    expect(failure).toHaveTextContent('sentence from main');
    expect(failure).toHaveTextContent('What to do next:');
    expect(failure).toHaveTextContent(`Code ${spineCode}, HTTP 403, trace ID trace-1`);
    const button = within(failure).queryByRole('button', { name: 'Try again' });
    expect(button !== null).toBe(retry);
    if (button) {
      await user.click(button);
      expect(records).toHaveLength(2);
    }
  });

  it('a restricted patient: no record request is made', async () => {
    // PDS removes the practice of a restricted patient.
    const { registeredPractice: _removed, ...rest } = HARTLEY;
    const restricted: PatientSummary = { ...rest, nhsNumber: '9990000387', restricted: true };
    const { records, search } = await setup([restricted]);
    await search('9990000387');
    await screen.findByTestId('restricted-notice');
    expect(screen.queryByTestId('record-html')).not.toBeInTheDocument();
    expect(records).toEqual([]);
  });

  it('shows progress for a request that takes longer than 300 ms', async () => {
    const { search } = await setup();
    await search('9434765919');
    expect(screen.queryByTestId('record-progress')).not.toBeInTheDocument();
    expect(await screen.findByTestId('record-progress', {}, { timeout: 1500 })).toHaveTextContent(
      'Getting Summary from the practice',
    );
  });
});
