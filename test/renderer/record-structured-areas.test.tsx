import { render, screen, within } from '@testing-library/react';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { AreaNotice } from '../../renderer/features/record-structured/AreaNotice';
import { AllergiesView } from '../../renderer/features/record-structured/areas/AllergiesView';
import { ConsultationsView } from '../../renderer/features/record-structured/areas/ConsultationsView';
import { DiaryView } from '../../renderer/features/record-structured/areas/DiaryView';
import { ImmunisationsView } from '../../renderer/features/record-structured/areas/ImmunisationsView';
import { InvestigationsView } from '../../renderer/features/record-structured/areas/InvestigationsView';
import { MedicationsView } from '../../renderer/features/record-structured/areas/MedicationsView';
import { ProblemsView } from '../../renderer/features/record-structured/areas/ProblemsView';
import { ReferralsView } from '../../renderer/features/record-structured/areas/ReferralsView';
import { UncategorisedView } from '../../renderer/features/record-structured/areas/UncategorisedView';
import { CrossCheck } from '../../renderer/features/record-common/CrossCheck';
import { indexRecord, findInRecord } from '../../renderer/features/record-structured/record-index';
import { trendSeries } from '../../renderer/features/record-structured/trends';
import { HARTLEY } from './fake-gpc';
import { availability, base, concept, consultation, date, richView } from './structured-fixtures';

const view = richView(HARTLEY);
const { areas } = view;
const rowsOf = (testId: string) => within(screen.getByTestId(testId)).getAllByRole('row').slice(1);

describe('structured record areas, from view-model fixtures', { timeout: 30_000 }, () => {
  it('allergies: current and ended in separate tables, never mixed; partial dates as recorded; NOPAT marked', () => {
    render(<AllergiesView area={areas.allergies} />);
    const active = screen.getByTestId('allergies-active');
    const ended = screen.getByTestId('allergies-ended');
    expect(within(active).getByText('Penicillin')).toBeInTheDocument();
    expect(within(active).queryByText('Hay fever pollen allergy')).toBeNull();
    expect(within(ended).getByText('Hay fever pollen allergy')).toBeInTheDocument();
    expect(within(ended).queryByText('Penicillin')).toBeNull();
    expect(within(active).getByText('Jun-2015')).toBeInTheDocument();
    expect(within(ended).getByText('1990')).toBeInTheDocument();
    expect(within(ended).getByText('02-Apr-2012')).toBeInTheDocument();
    expect(within(ended).getByText('Grew out of it')).toBeInTheDocument();
    expect(within(active).getByTestId('nopat')).toHaveTextContent('Do not disclose to the patient');
    expect(within(active).getByText(/SNOMED 91936005/)).toBeInTheDocument();
  });

  it('allergies: "no known allergies" reads as none recorded, with the practice’s reason; ended ones keep their own notice', () => {
    render(
      <AllergiesView
        area={{
          availability: availability('none-recorded', { emptyReason: { code: 'nil-known', text: 'Nil known' } }),
          active: [],
          ended: [],
          endedAvailability: availability('none-recorded', { notes: ['Information not available'] }),
        }}
      />,
    );
    const notice = screen.getByTestId('area-notice-allergies');
    expect(within(notice).getByTestId('area-status')).toHaveTextContent('Allergies: None recorded');
    expect(notice).toHaveTextContent('The practice’s reason: Nil known');
    expect(screen.queryByTestId('allergies-active')).toBeNull();
    expect(screen.getByTestId('area-notice-allergies-ended')).toHaveTextContent(
      'Note from the practice: Information not available',
    );
  });

  it('medications: repeats, acutes, prescribed elsewhere, discontinued with reason, each apart; issues of an authorisation', () => {
    render(<MedicationsView area={areas.medications} />);
    expect(
      within(screen.getByTestId('meds-currentRepeats')).getByText('Salbutamol 100micrograms/dose inhaler'),
    ).toBeInTheDocument();
    expect(
      within(screen.getByTestId('meds-currentAcutes')).getByText('Amoxicillin 500mg capsules'),
    ).toBeInTheDocument();
    expect(
      within(screen.getByTestId('meds-prescribedElsewhere')).getByText('Methotrexate 2.5mg tablets'),
    ).toBeInTheDocument();
    const discontinued = screen.getByTestId('meds-discontinued');
    expect(within(discontinued).getByText('Ramipril 5mg capsules')).toBeInTheDocument();
    expect(within(discontinued).getByTestId('discontinued-reason')).toHaveTextContent('Dry cough');
    expect(within(discontinued).getByText('14-May-2023')).toBeInTheDocument();
    expect(within(screen.getByTestId('meds-past')).getByText('No past medication recorded.')).toBeInTheDocument();
    const repeats = screen.getByTestId('meds-currentRepeats');
    expect(within(repeats).getByText(/2 issues/)).toBeInTheDocument();
    const issues = within(repeats).getByRole('table', { name: /Issues of Salbutamol/ });
    expect(within(issues).getAllByRole('row')).toHaveLength(3);
    expect(within(issues).getByText('28 days')).toBeInTheDocument();
    expect(within(repeats).getByText('Issues 3 of 6')).toBeInTheDocument();
  });

  it('problems: active/inactive × major/minor, each with what is linked to it; empty groups say so', () => {
    render(<ProblemsView area={areas.problems} linkedProblems={[]} />);
    const major = screen.getByTestId('problems-activeMajor');
    expect(within(major).getByText('Asthma')).toBeInTheDocument();
    expect(within(major).getByText(/2 linked items/)).toBeInTheDocument();
    expect(within(major).getByText('Salbutamol 100micrograms/dose inhaler')).toBeInTheDocument();
    expect(within(major).getByText('Surgery consultation 1')).toBeInTheDocument();
    expect(screen.getByTestId('problems-activeMinor')).toHaveTextContent('No active minor problems recorded.');
    const inactive = screen.getByTestId('problems-inactiveMinor');
    expect(within(inactive).getByText('Sprained ankle')).toBeInTheDocument();
    expect(within(inactive).getByText('Sep-2018')).toBeInTheDocument();
  });

  it('consultations: newest first with topics, headings and the items recorded in them', () => {
    render(<ConsultationsView area={areas.consultations} />);
    const rows = rowsOf('consultations');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('01-Feb-2024');
    expect(rows[0]).toHaveTextContent('Surgery consultation 1');
    expect(within(rows[0]!).getByText('Asthma review')).toBeInTheDocument();
    expect(within(rows[0]!).getByText('Examination')).toBeInTheDocument();
    expect(within(rows[0]!).getByText('Peak flow 420 L/min')).toBeInTheDocument();
    expect(within(rows[0]!).getByText('Feeling well, inhaler technique good')).toBeInTheDocument();
  });

  it('immunisations: given and not given apart, with status and the reason not given', () => {
    render(<ImmunisationsView area={areas.immunisations} />);
    const given = screen.getByTestId('immunisations-given');
    const notGiven = screen.getByTestId('immunisations-not-given');
    expect(within(given).getByText('Influenza vaccine')).toBeInTheDocument();
    expect(within(given).getByText('completed')).toBeInTheDocument();
    expect(within(given).queryByText('Pneumococcal vaccine')).toBeNull();
    expect(within(notGiven).getByText('Pneumococcal vaccine')).toBeInTheDocument();
    expect(within(notGiven).getByText('Patient declined')).toBeInTheDocument();
    expect(within(notGiven).getByText('Oct-2023')).toBeInTheDocument();
  });

  it('investigations: report → test group → result with value, unit, range and flag; filing comments', () => {
    render(<InvestigationsView area={areas.investigations} />);
    const report = rowsOf('investigations')[0]!;
    expect(report).toHaveTextContent('01-Sep-2024');
    expect(within(report).getByText(/1 result, 1 abnormal/)).toBeInTheDocument();
    const group = within(report).getByTestId('test-group');
    expect(group).toHaveTextContent('Glycated haemoglobin');
    const result = within(group).getByTestId('result-row');
    expect(result).toHaveTextContent('HbA1c');
    expect(result).toHaveTextContent('53 mmol/mol');
    expect(result).toHaveTextContent('20 - 42 mmol/mol');
    expect(within(result).getByTestId('abnormal-flag')).toHaveTextContent('High (H)');
    expect(within(group).getByTestId('filing-comments')).toHaveTextContent('Discuss at next review');
    expect(within(report).getByText(/Specimen:/).parentElement).toHaveTextContent('Blood collected 30-Aug-2024');
  });

  it('uncategorised: a blood pressure pair reads as one value', () => {
    render(<UncategorisedView area={areas.uncategorised} />);
    expect(screen.getAllByTestId('blood-pressure').map((e) => e.textContent)).toEqual(['138/86 mmHg', '128/80 mmHg']);
  });

  it('referrals and diary entries', () => {
    render(
      <>
        <ReferralsView area={areas.referrals} />
        <DiaryView area={areas.diary} />
      </>,
    );
    const referral = rowsOf('referrals')[0]!;
    expect(referral).toHaveTextContent('Respiratory medicine');
    expect(referral).toHaveTextContent('Reason: Asthma');
    expect(referral).toHaveTextContent('To Harrogate District Hospital');
    expect(referral).toHaveTextContent('UBRN 000000012345');
    const entry = rowsOf('diary')[0]!;
    expect(entry).toHaveTextContent('01-Dec-2026');
    expect(entry).toHaveTextContent('Asthma annual review');
  });

  it('every provider string is text, never HTML', () => {
    const hostile = '<img src=x onerror="window.pwned=1">Peanut';
    render(
      <AllergiesView
        area={{
          ...areas.allergies,
          active: [{ ...areas.allergies.active[0]!, substance: concept(hostile), notes: ['<b>bold</b>'] }],
        }}
      />,
    );
    expect(screen.getByText(hostile)).toBeInTheDocument();
    expect(screen.getByText('<b>bold</b>')).toBeInTheDocument();
    expect(document.querySelector('img')).toBeNull();
    expect(document.querySelector('b')).toBeNull();
  });
});

describe('one vocabulary for absence, the same in every area', () => {
  it.each([
    ['none-recorded', 'Immunisations: None recorded', 'The practice says nothing is recorded here.'],
    ['not-supported', 'Immunisations: Not supported by this practice', 'This does not mean nothing is recorded'],
    ['disabled', 'Immunisations: Disabled at this practice', 'switched off sharing'],
    ['excluded', 'Immunisations: Excluded as confidential', 'withheld as confidential'],
    ['not-requested', 'Immunisations: Not requested', 'did not ask'],
    ['not-returned', 'Immunisations: Not returned by the practice: this does not mean none recorded', 'did not send'],
  ] as const)('%s', (status, headline, sentence) => {
    render(<ImmunisationsView area={{ availability: availability(status), given: [], notGiven: [], statuses: [] }} />);
    const box = screen.getByTestId('area-status');
    expect(box).toHaveTextContent(headline);
    expect(box).toHaveTextContent(sentence);
    // Nothing that could read as "no immunisations": no empty tables or "none given" lines.
    expect(screen.queryByTestId('immunisations-given')).toBeNull();
  });

  it('shows every warning and note as the practice sent it, above the area, with items still shown', () => {
    render(
      <AreaNotice
        title="Problems"
        testId="notice"
        availability={availability('present', {
          itemCount: 3,
          mayBeIncomplete: true,
          itemsWithheld: true,
          warnings: [
            { code: 'confidential-items', text: 'Items excluded due to confidentiality and/or patient preferences.' },
            {
              code: 'data-in-transit',
              text: 'Patient record transfer from previous GP practice not yet complete; information recorded before 03-Nov-2025 may be missing.',
              since: date('2025-11-03'),
            },
          ],
          placeholders: ['Referral items have been disabled'],
          outcomeWarnings: [
            {
              issueCode: 'not-supported',
              severity: 'warning',
              spineCode: 'NOT_IMPLEMENTED',
              text: 'includeProblems has been disabled',
              diagnostics: 'includeProblems',
            },
          ],
          notes: ['Information not available'],
        })}
      />,
    );
    const notice = screen.getByTestId('notice');
    expect(
      within(notice)
        .getAllByTestId('list-warning')
        .map((w) => w.textContent),
    ).toEqual([
      'Important: Some items excluded as confidentialItems excluded due to confidentiality and/or patient preferences.',
      'Important: May be incomplete: record in transitPatient record transfer from previous GP practice not yet complete; information recorded before 03-Nov-2025 may be missing.',
    ]);
    expect(within(notice).getByTestId('outcome-warning')).toHaveTextContent('includeProblems has been disabled');
    expect(within(notice).getByTestId('outcome-warning')).toHaveTextContent('NOT_IMPLEMENTED · includeProblems');
    expect(within(notice).getByTestId('area-placeholder')).toHaveTextContent('Referral items have been disabled');
    expect(within(notice).getByTestId('area-note')).toHaveTextContent('Information not available');
    expect(within(notice).queryByTestId('area-status')).toBeNull();
  });
});

describe('cross-check against PDS', () => {
  it('names each differing field with both values', () => {
    render(
      <CrossCheck
        crossCheck={{
          checked: true,
          differences: [
            { field: 'Family name', pds: 'ASHDOWN', practice: 'GARSIDE' },
            { field: 'Date of birth', pds: '12-Mar-1968', practice: '13-Mar-1968' },
          ],
        }}
      />,
    );
    const warning = screen.getByTestId('cross-check-warning');
    const rows = within(warning)
      .getAllByRole('row')
      .slice(1)
      .map((r) => r.textContent);
    expect(rows).toEqual(['Family nameASHDOWNGARSIDE', 'Date of birth12-Mar-196813-Mar-1968']);
  });

  it('says when there was nothing to check', () => {
    render(<CrossCheck crossCheck={{ checked: false, differences: [] }} />);
    expect(screen.getByTestId('cross-check-unchecked')).toHaveTextContent('Patient details not checked');
  });
});

describe('large lists', { timeout: 30_000 }, () => {
  it('virtualises a long list: a screenful of rows in the page, the table still says how many there are', () => {
    // jsdom has no layout: give the scrolling region the height it has on a 768-pixel screen.
    const height = vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockImplementation(function (
      this: HTMLElement,
    ) {
      return this.classList.contains('gpc-sr-scroll') ? 460 : 0;
    });
    const rows = vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockImplementation(function (
      this: HTMLElement,
    ) {
      return this instanceof HTMLTableRowElement ? 44 : 0;
    });
    onTestFinished(() => {
      height.mockRestore();
      rows.mockRestore();
    });
    const many = Array.from({ length: 2000 }, (_, i) => consultation(i));
    render(
      <ConsultationsView area={{ availability: availability('present', { itemCount: 2000 }), consultations: many }} />,
    );
    const table = screen.getByTestId('consultations');
    expect(table).toHaveAttribute('aria-rowcount', '2001');
    const rendered = within(table).getAllByRole('row').length - 1;
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(100);
    expect(screen.getByTestId('consultations-scroll')).toHaveAttribute('tabindex', '0');
  });
});

describe('find, timeline and trends read the whole record', () => {
  it('finds by text and by code across areas', () => {
    const index = indexRecord(view);
    const asthma = findInRecord(index, 'asthma');
    expect(new Set(asthma.map((e) => e.area))).toEqual(new Set(['problems', 'consultations', 'referrals', 'diary']));
    expect(findInRecord(index, '195967001').map((e) => e.label)).toEqual(['Asthma', 'Respiratory medicine']);
    expect(findInRecord(index, 'hba1c').map((e) => [e.area, e.rowId])).toEqual([
      ['investigations', 'DiagnosticReport/r1'],
      ['investigations', 'DiagnosticReport/r2'],
    ]);
    expect(findInRecord(index, 'dry cough')[0]?.label).toBe('Ramipril 5mg capsules');
    expect(findInRecord(index, 'no such thing')).toEqual([]);
  });

  it('draws repeated numeric results and blood pressure pairs, favourites first, with the range of the latest', () => {
    const series = trendSeries(view);
    expect(series.map((s) => s.name)).toEqual(['HbA1c', 'Blood pressure']);
    const hba1c = series[0]!;
    expect(hba1c.lines[0]!.points.map((p) => p.value)).toEqual([41, 53]);
    expect(hba1c.band).toEqual({ low: 20, high: 42, text: '20 - 42 mmol/mol' });
    expect(series[1]!.lines.map((l) => l.points.map((p) => p.value))).toEqual([
      [128, 138],
      [80, 86],
    ]);
  });

  it('a single value is not a trend', () => {
    const one = richView(HARTLEY);
    const single = {
      ...one,
      areas: {
        ...one.areas,
        investigations: { ...one.areas.investigations, reports: one.areas.investigations.reports.slice(0, 1) },
        uncategorised: {
          ...one.areas.uncategorised,
          items: [{ ...base('Observation/z'), concept: concept('Weight'), referenceRanges: [], components: [] }],
        },
      },
    };
    expect(trendSeries(single)).toEqual([]);
  });
});
