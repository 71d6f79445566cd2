import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/App';
import type { GpcErrorInfo, Result } from '../../shared/ipc/errors';
import type { PatientSummary } from '../../shared/patient/patient-summary';
import { HARTLEY, deferred, fakeGpc } from './fake-gpc';
import { availability, richView } from './structured-fixtures';

const OKAFOR: PatientSummary = {
  ...HARTLEY,
  nhsNumber: '9990000018',
  name: { prefix: ['Mr'], given: ['Oliver'], family: 'Okafor' },
};

interface Call {
  readonly channel: string;
  readonly nhsNumber: string;
  readonly answer: ReturnType<typeof deferred<Result<unknown>>>;
}

/** The workstation with a fake `window.gpc`: traces answer at once; record requests wait for the test. */
function setup() {
  const calls: Call[] = [];
  const api = fakeGpc((channel, input) => {
    if (channel === 'app.info') return new Promise(() => undefined);
    const { nhsNumber } = input as { nhsNumber: string };
    if (channel === 'patient.lookup') {
      const patient = [HARTLEY, OKAFOR].find((p) => p.nhsNumber === nhsNumber);
      return Promise.resolve(
        patient ? { ok: true, value: patient } : { ok: false, error: { code: 'PATIENT_NOT_FOUND', message: 'x' } },
      );
    }
    const answer = deferred<Result<unknown>>();
    calls.push({ channel, nhsNumber, answer });
    return answer.promise;
  });
  render(<App api={api} />);
  const user = userEvent.setup();
  const search = async (nhsNumber: string) => {
    const field = await screen.findByLabelText('Find a patient by NHS number');
    await user.clear(field);
    await user.type(field, `${nhsNumber}{Enter}`);
    await screen.findByTestId('patient-banner');
  };
  const structured = () => calls.filter((c) => c.channel === 'record.structured');
  const openTab = async () => user.click(await screen.findByRole('tab', { name: 'Structured record' }));
  return { calls, structured, user, search, openTab };
}

const answer = async (call: Call | undefined, result: Result<unknown>) => {
  if (!call) throw new Error('no such request');
  await act(async () => call.answer.resolve(result));
};

// Many keyboard and mouse steps per test: generous time on a loaded 2-core machine (behaviour, not speed, is tested).
describe('Structured record tab', { timeout: 30_000 }, () => {
  it('sits beside the HTML view; asks once per patient and keeps the answer when switching tabs', async () => {
    const { structured, user, search, openTab } = setup();
    await search('9434765919');
    expect(screen.getByRole('tab', { name: 'GP record' })).toHaveAttribute('aria-selected', 'true');
    await openTab();
    expect(structured().map((c) => c.nhsNumber)).toEqual(['9434765919']);
    await answer(structured()[0], { ok: true, value: richView(HARTLEY) });
    expect(await screen.findByTestId('structured-source')).toHaveTextContent(
      'From Riverside Medical Practice (A20047), retrieved 25-Nov-2026',
    );
    expect(screen.getByTestId('allergies-active')).toHaveTextContent('Penicillin');
    await user.click(screen.getByRole('tab', { name: 'GP record' }));
    await openTab();
    expect(structured()).toHaveLength(1);
    expect(screen.getByTestId('allergies-active')).toHaveTextContent('Penicillin');
  });

  it('drops a late answer for the previous patient and clears the view on a patient switch', async () => {
    const { structured, search, openTab } = setup();
    await search('9434765919');
    await openTab();
    const forHartley = structured()[0];
    await search('9990000018');
    // The new patient's banner; the tab is back to its first view and nothing structured is held.
    await openTab();
    const forOkafor = structured()[1];
    expect(forOkafor?.nhsNumber).toBe('9990000018');
    await answer(forHartley, { ok: true, value: richView(HARTLEY) });
    expect(screen.queryByTestId('structured-source')).toBeNull();
    expect(screen.queryByText('Penicillin')).toBeNull();
    const okafor = richView(OKAFOR);
    await answer(forOkafor, {
      ok: true,
      value: {
        ...okafor,
        areas: {
          ...okafor.areas,
          allergies: {
            ...okafor.areas.allergies,
            active: [{ ...okafor.areas.allergies.active[0]!, substance: { text: 'Latex', codings: [] } }],
          },
        },
      },
    });
    expect(await screen.findByTestId('allergies-active')).toHaveTextContent('Latex');
    expect(screen.queryByText('Penicillin')).toBeNull();
    expect(screen.getByTestId('patient-banner')).toHaveTextContent('OKAFOR');
  });

  it('never shows an answer about another NHS number, and says so', async () => {
    const { structured, search, openTab } = setup();
    await search('9434765919');
    await openTab();
    await answer(structured()[0], { ok: true, value: richView(OKAFOR) });
    expect(await screen.findByTestId('structured-failure')).toHaveTextContent('different NHS number');
    expect(screen.queryByText('Penicillin')).toBeNull();
  });

  it('holds the record back when the practice’s own Patient has a different NHS number', async () => {
    const { structured, search, openTab } = setup();
    await search('9434765919');
    await openTab();
    const view = richView(HARTLEY);
    await answer(structured()[0], {
      ok: true,
      value: { ...view, crossCheck: { ...view.crossCheck, nhsNumberMismatch: true } },
    });
    expect(await screen.findByTestId('nhs-number-mismatch')).toHaveTextContent('Record not shown');
    expect(screen.queryByText('Penicillin')).toBeNull();
  });

  it('a failure says what happened and what to do, and can be retried', async () => {
    const { structured, user, search, openTab } = setup();
    await search('9434765919');
    await openTab();
    const error: GpcErrorInfo = {
      code: 'SPINE_ERROR',
      message: 'The practice did not answer in time.',
      spine: { code: 'TIMEOUT', traceId: 'abc' },
    };
    await answer(structured()[0], { ok: false, error });
    const failure = await screen.findByTestId('structured-failure');
    expect(failure).toHaveTextContent('The practice could not be reached');
    expect(failure).toHaveTextContent('The practice did not answer in time.');
    await user.click(within(failure).getByRole('button', { name: 'Try again' }));
    expect(structured()).toHaveLength(2);
    await answer(structured()[1], { ok: true, value: richView(HARTLEY) });
    expect(await screen.findByTestId('allergies-active')).toBeInTheDocument();
  });

  it('the area navigation tells, at a glance, what each area holds or why it holds nothing', async () => {
    const { structured, search, openTab } = setup();
    await search('9434765919');
    await openTab();
    const view = richView(HARTLEY);
    await answer(structured()[0], {
      ok: true,
      value: {
        ...view,
        areas: {
          ...view.areas,
          referrals: { availability: availability('not-supported'), referrals: [] },
          immunisations: {
            availability: availability('excluded', { itemsWithheld: true }),
            given: [],
            notGiven: [],
            statuses: [],
          },
        },
        outcomeWarnings: [
          {
            issueCode: 'not-supported',
            severity: 'warning',
            text: 'includeReferrals is an unrecognised parameter',
            area: 'referrals',
          },
          { issueCode: 'informational', severity: 'information', text: 'Answer built from a cached copy' },
        ],
      },
    });
    expect(await screen.findByTestId('area-nav-medications')).toHaveTextContent('Medications4 items');
    expect(screen.getByTestId('area-nav-referrals')).toHaveTextContent('ReferralsNot supported');
    expect(screen.getByTestId('area-nav-immunisations')).toHaveTextContent('ImmunisationsExcluded! (warnings)');
    // A warning about the whole answer sits above the record; one about an area, above that area.
    expect(screen.getByTestId('record-warning')).toHaveTextContent('Answer built from a cached copy');
    expect(screen.queryByText('includeReferrals is an unrecognised parameter')).toBeNull();
  });

  it('find in record searches every area and opens the match in its area', async () => {
    const { structured, user, search, openTab } = setup();
    await search('9434765919');
    await openTab();
    await answer(structured()[0], { ok: true, value: richView(HARTLEY) });
    await user.type(await screen.findByLabelText('Find in record'), 'asthma');
    expect(await screen.findByTestId('find-status')).toHaveTextContent('5 matches in 4 areas.');
    const results = screen.getByTestId('find-results');
    await user.click(within(results).getByRole('button', { name: 'Respiratory medicine' }));
    expect(screen.getByTestId('panel-referrals')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Referrals', level: 3 })).toHaveFocus();
    const found = screen.getByTestId('referrals').querySelector('[data-found="true"]');
    expect(found).toHaveTextContent('Respiratory medicine');
    await user.clear(screen.getByLabelText('Find in record'));
    await user.type(screen.getByLabelText('Find in record'), 'zzz');
    expect(await screen.findByTestId('find-status')).toHaveTextContent('Nothing in this record matches “zzz”.');
  });

  it('timeline zooms from all years to one year, month by month, and opens an item in its area', async () => {
    const { structured, user, search, openTab } = setup();
    await search('9434765919');
    await openTab();
    await answer(structured()[0], { ok: true, value: richView(HARTLEY) });
    await user.click(await screen.findByTestId('area-nav-timeline'));
    const years = screen.getAllByTestId('timeline-year-button');
    expect(years[0]).toHaveTextContent('2026');
    const y2024 = years.find((b) => b.textContent?.startsWith('2024'));
    expect(y2024).toHaveTextContent(/2024\d+ items/);
    await user.click(y2024!);
    const zoomed = screen.getByTestId('timeline-year');
    expect(within(zoomed).getByRole('heading', { level: 4 })).toHaveFocus();
    expect(within(zoomed).getByRole('region', { name: 'Mar-2024' })).toHaveTextContent('Respiratory medicine');
    await user.click(within(zoomed).getByRole('button', { name: 'Older: 2023' }));
    expect(screen.getByTestId('timeline-year')).toHaveTextContent('Pneumococcal vaccine');
    await user.click(screen.getByRole('button', { name: 'All years' }));
    expect(screen.getByTestId('timeline')).toBeInTheDocument();
    await user.click(screen.getAllByTestId('timeline-year-button').find((b) => b.textContent?.startsWith('2023'))!);
    await user.click(screen.getByRole('button', { name: 'Pneumococcal vaccine' }));
    expect(screen.getByTestId('panel-immunisations')).toBeInTheDocument();
  });

  it('trends: chart with reference band and the same values as a table', async () => {
    const { structured, user, search, openTab } = setup();
    await search('9434765919');
    await openTab();
    await answer(structured()[0], { ok: true, value: richView(HARTLEY) });
    await user.click(await screen.findByTestId('area-nav-trends'));
    expect(screen.getByTestId('trend-summary')).toHaveTextContent(
      'HbA1c: 2 results from 30-Aug-2023 to 30-Aug-2024, latest 53 mmol/mol; reference range 20 - 42 mmol/mol.',
    );
    expect(screen.getByTestId('trend-band')).toBeInTheDocument();
    const rows = within(screen.getByTestId('trend-table')).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      '30-Aug-202453 mmol/mol20 - 42 mmol/molHigh',
      '30-Aug-202341 mmol/mol20 - 42 mmol/mol',
    ]);
    await user.selectOptions(screen.getByLabelText('Result to chart'), 'blood-pressure');
    expect(within(screen.getByTestId('trend-table')).getAllByRole('row')[1]).toHaveTextContent(
      '01-Feb-2024138 mmHg86 mmHg',
    );
  });
});
