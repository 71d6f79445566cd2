import { formatNhsDate } from '../../../../shared/nhs/dates';
import type { SectionTable } from './section-layout';

/**
 * What each Access Record HTML section shows (SPEC §7.1), read from the same patient's Structured record so that
 * both views of the demonstrator agree. Rows carry their date for the consumer's timePeriod; columns follow the
 * 0.7.4 section pages, in order.
 */
type Json = Record<string, unknown>;
export type SectionCode = 'ADM' | 'ALL' | 'CLI' | 'ENC' | 'IMM' | 'MED' | 'OBS' | 'PRB' | 'REF' | 'SUM';

export const SECTION_TITLES: Readonly<Record<SectionCode, string>> = {
  ADM: 'Administrative Items',
  ALL: 'Allergies and Adverse Reactions',
  CLI: 'Clinical Items',
  ENC: 'Encounters',
  IMM: 'Immunisations',
  MED: 'Medications',
  OBS: 'Observations',
  PRB: 'Problems and Issues',
  REF: 'Referrals',
  SUM: 'Summary',
};
/** Sections without a consumer date filter: a timePeriod on them is a bad request. */
export const UNFILTERED_SECTIONS: ReadonlySet<string> = new Set(['ALL', 'IMM', 'SUM']);

interface Row {
  readonly date?: string;
  readonly cells: readonly string[];
}

const display = (concept: unknown): string => {
  const c = concept as { text?: string; coding?: { display?: string }[] } | undefined;
  return c?.coding?.[0]?.display ?? c?.text ?? '';
};
const day = (value: unknown): string => (typeof value === 'string' ? formatNhsDate(value.slice(0, 10)) : '');

function inPeriod(date: string | undefined, period: { start?: string; end?: string } | undefined): boolean {
  if (date === undefined || period === undefined) return true;
  const d = date.slice(0, 10);
  const low = (v: string) => (v.length === 4 ? `${v}-01-01` : v.length === 7 ? `${v}-01` : v.slice(0, 10));
  const high = (v: string) => (v.length === 4 ? `${v}-12-31` : v.length === 7 ? `${v}-31` : v.slice(0, 10));
  return (period.start === undefined || d >= low(period.start)) && (period.end === undefined || d <= high(period.end));
}

export class RecordView {
  private readonly byRef = new Map<string, Json>();
  constructor(
    bundle: Json,
    private readonly today: string,
  ) {
    for (const e of (bundle['entry'] as { resource: Json }[] | undefined) ?? []) {
      this.byRef.set(`${String(e.resource['resourceType'])}/${String(e.resource['id'])}`, e.resource);
    }
  }
  private all(type: string): Json[] {
    return [...this.byRef.values()].filter((r) => r['resourceType'] === type);
  }
  private list(code: string): Json | undefined {
    return this.all('List').find((l) => (l['code'] as { coding?: { code?: string }[] }).coding?.[0]?.code === code);
  }
  private get(reference: unknown): Json | undefined {
    return this.byRef.get((reference as { reference?: string } | undefined)?.reference ?? '');
  }

  allergies(): { current: Row[]; historical: Row[] } {
    const current = this.all('AllergyIntolerance').map((a) => {
      const date = (a['onsetDateTime'] ?? a['assertedDate']) as string | undefined;
      return { ...(date === undefined ? {} : { date }), cells: [day(date), display(a['code'])] };
    });
    const ended = (this.list('1103671000000101')?.['contained'] as Json[] | undefined) ?? [];
    const historical = ended.map((a) => {
      const end = ((a['extension'] as Json[] | undefined)?.[0]?.['extension'] as Json[] | undefined)?.find(
        (e) => e['url'] === 'endDate',
      )?.['valueDateTime'];
      const date = (a['onsetDateTime'] ?? a['assertedDate']) as string | undefined;
      return { cells: [day(date), day(end), display(a['code'])] };
    });
    return { current, historical };
  }

  encounters(): Row[] {
    const topics = this.all('List').filter(
      (l) => (l['code'] as { coding?: { code?: string }[] }).coding?.[0]?.code === '25851000000105',
    );
    return this.all('Encounter')
      .map((e) => {
        const date = (e['period'] as { start?: string } | undefined)?.start;
        const ref = `Encounter/${String(e['id'])}`;
        const details = topics
          .filter((t) => (t['encounter'] as { reference?: string } | undefined)?.reference === ref)
          .map((t) => String(t['title'] ?? ''))
          .filter((t) => t !== '')
          .join('; ');
        const who = this.get((e['participant'] as { individual?: unknown }[] | undefined)?.[0]?.individual);
        const name = who?.['name'] as { family?: string; given?: string[] }[] | undefined;
        const author = name?.[0] ? `${name[0].given?.join(' ') ?? ''} ${name[0].family ?? ''}`.trim() : '';
        return {
          ...(date === undefined ? {} : { date }),
          cells: [day(date), display((e['type'] as unknown[] | undefined)?.[0]), details || author],
        };
      })
      .sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''));
  }

  problems(): { active: Row[]; majorInactive: Row[]; otherInactive: Row[] } {
    const significance = (c: Json): string =>
      JSON.stringify(c['extension'] ?? []).includes('"valueCode":"major"') ? 'Major' : 'Minor';
    const rows = this.all('Condition').map((c) => {
      const date = (c['onsetDateTime'] ?? c['assertedDate']) as string | undefined;
      return { c, date, sig: significance(c) };
    });
    const toRow = (r: (typeof rows)[number], withEnd: boolean): Row => ({
      ...(r.date === undefined ? {} : { date: r.date }),
      cells: withEnd
        ? [
            day(r.date),
            day(r.c['abatementDateTime']),
            display(r.c['code']),
            r.sig,
            String((r.c['note'] as { text?: string }[] | undefined)?.[0]?.text ?? ''),
          ]
        : [
            day(r.date),
            display(r.c['code']),
            r.sig,
            String((r.c['note'] as { text?: string }[] | undefined)?.[0]?.text ?? ''),
          ],
    });
    const active = rows.filter((r) => r.c['clinicalStatus'] === 'active');
    const inactive = rows.filter((r) => r.c['clinicalStatus'] !== 'active');
    return {
      active: active.map((r) => toRow(r, false)),
      majorInactive: inactive.filter((r) => r.sig === 'Major').map((r) => toRow(r, true)),
      otherInactive: inactive.filter((r) => r.sig !== 'Major').map((r) => toRow(r, true)),
    };
  }

  immunisations(): Row[] {
    return this.all('Immunization').map((i) => ({
      cells: [
        day(i['date']),
        display(i['vaccineCode']),
        String((i['vaccinationProtocol'] as { doseSequence?: number }[] | undefined)?.[0]?.doseSequence ?? ''),
        i['notGiven'] === true ? 'Not given' : 'Given',
        String((i['note'] as { text?: string }[] | undefined)?.[0]?.text ?? ''),
      ],
    }));
  }

  private observationRow(o: Json, withValue: boolean): Row {
    const date = (o['effectiveDateTime'] ?? o['issued']) as string | undefined;
    const q = o['valueQuantity'] as { value?: number; unit?: string } | undefined;
    const value = q ? `${String(q.value ?? '')} ${q.unit ?? ''}`.trim() : String(o['valueString'] ?? '');
    const details = String(o['comment'] ?? '');
    return {
      ...(date === undefined ? {} : { date }),
      cells: withValue ? [day(date), display(o['code']), value, details] : [day(date), display(o['code']), details],
    };
  }

  observations(): Row[] {
    const uncategorised = this.list('826501000000100');
    const refs = new Set(
      ((uncategorised?.['entry'] as { item: { reference?: string } }[] | undefined) ?? []).map((e) => e.item.reference),
    );
    return this.all('Observation')
      .filter((o) => refs.has(`Observation/${String(o['id'])}`) || o['valueQuantity'] !== undefined)
      .map((o) => this.observationRow(o, true));
  }

  clinicalItems(): Row[] {
    const conditions = this.all('Condition').map((c) => {
      const date = (c['onsetDateTime'] ?? c['assertedDate']) as string | undefined;
      return { ...(date === undefined ? {} : { date }), cells: [day(date), display(c['code']), 'Problem'] };
    });
    return [
      ...conditions,
      ...this.all('Observation')
        .filter((o) => o['comment'] === undefined)
        .map((o) => this.observationRow(o, false)),
    ];
  }

  administrativeItems(): Row[] {
    return this.all('ProcedureRequest').map((p) => {
      const date = (p['occurrenceDateTime'] ?? p['authoredOn']) as string | undefined;
      return {
        ...(date === undefined ? {} : { date }),
        cells: [day(date), display(p['code']), String((p['note'] as { text?: string }[] | undefined)?.[0]?.text ?? '')],
      };
    });
  }

  referrals(): Row[] {
    return this.all('ReferralRequest').map((r) => {
      const date = r['authoredOn'] as string | undefined;
      const recipient = this.get((r['recipient'] as unknown[] | undefined)?.[0]);
      return {
        ...(date === undefined ? {} : { date }),
        cells: [
          day(date),
          String(recipient?.['name'] ?? ''),
          String(r['priority'] ?? ''),
          display((r['reasonCode'] as unknown[] | undefined)?.[0]) || String(r['description'] ?? ''),
        ],
      };
    });
  }

  medications(): { acute: Row[]; currentRepeat: Row[]; discontinuedRepeat: Row[]; all: Row[]; issues: Row[] } {
    const yearAgo = `${Number(this.today.slice(0, 4)) - 1}${this.today.slice(4)}`;
    const name = (r: Json) => display(this.get(r['medicationReference'])?.['code']);
    const typeOf = (plan: Json | undefined) =>
      display(
        (plan?.['extension'] as Json[] | undefined)?.find((e) => String(e['url']).includes('PrescriptionType'))?.[
          'valueCodeableConcept'
        ],
      ) || 'Acute';
    const statements = this.all('MedicationStatement').map((s) => {
      const plan = this.get((s['basedOn'] as unknown[] | undefined)?.[0]);
      const period = (s['effectivePeriod'] as { start?: string; end?: string } | undefined) ?? {};
      const issues = this.all('MedicationRequest').filter(
        (m) =>
          m['intent'] === 'order' &&
          (m['basedOn'] as { reference?: string }[] | undefined)?.[0]?.reference ===
            `MedicationRequest/${String(plan?.['id'])}`,
      );
      const lastIssued = issues
        .map((i) => String(i['authoredOn'] ?? ''))
        .sort()
        .at(-1);
      const quantity = (plan?.['dispenseRequest'] as { quantity?: { value?: number; unit?: string } } | undefined)
        ?.quantity;
      return {
        s,
        type: typeOf(plan),
        start: period.start,
        end: period.end,
        name: name(s),
        dosage: String((s['dosage'] as { text?: string }[] | undefined)?.[0]?.text ?? ''),
        quantity: quantity ? `${String(quantity.value ?? '')} ${quantity.unit ?? ''}`.trim() : '',
        lastIssued,
        issues: issues.length,
      };
    });
    const at = (d: string | undefined) => (d === undefined ? {} : { date: d });
    const repeat = statements.filter((m) => /repeat/i.test(m.type));
    return {
      acute: statements
        .filter((m) => !/repeat/i.test(m.type) && (m.start ?? '') >= yearAgo)
        .map((m) => ({ ...at(m.start), cells: [m.type, day(m.start), m.name, m.dosage, m.quantity, day(m.end), ''] })),
      currentRepeat: repeat
        .filter((m) => m.s['status'] === 'active')
        .map((m) => ({
          ...at(m.start),
          cells: [m.type, day(m.lastIssued), m.name, day(m.start), m.dosage, m.quantity, ''],
        })),
      discontinuedRepeat: repeat
        .filter((m) => m.s['status'] !== 'active')
        .map((m) => ({ ...at(m.start), cells: [day(m.lastIssued), m.name, day(m.start), day(m.end), '', ''] })),
      all: statements.map((m) => ({
        ...at(m.start),
        cells: [m.type, day(m.start), m.name, m.dosage, m.quantity, day(m.lastIssued), String(m.issues)],
      })),
      issues: this.all('MedicationRequest')
        .filter((m) => m['intent'] === 'order')
        .map((m) => {
          const date = m['authoredOn'] as string | undefined;
          return {
            ...at(date),
            cells: [
              typeOf(this.get((m['basedOn'] as unknown[] | undefined)?.[0])),
              day(date),
              name(m),
              String((m['dosageInstruction'] as { text?: string }[] | undefined)?.[0]?.text ?? ''),
              '',
              '',
            ],
          };
        }),
    };
  }
}

/** The tables of one section, rows filtered by the consumer's period where the section allows it. */
export function sectionTables(
  code: SectionCode,
  view: RecordView,
  period: { start?: string; end?: string } | undefined,
): SectionTable[] {
  const t = (id: string, columns: string[], rows: Row[], dateFiltered: boolean, heading?: string): SectionTable => ({
    id,
    columns,
    rows: rows.filter((r) => !dateFiltered || inPeriod(r.date, period)).map((r) => r.cells),
    dateFiltered,
    ...(heading === undefined ? {} : { heading }),
  });
  const allergyCols = ['Start Date', 'Details'];
  const histCols = ['Start Date', 'End Date', 'Details'];
  const prbActive = ['Start Date', 'Entry', 'Significance', 'Details'];
  const prbInactive = ['Start Date', 'End Date', 'Entry', 'Significance', 'Details'];
  const encCols = ['Date', 'Title', 'Details'];
  const acuteCols = [
    'Type',
    'Start Date',
    'Medication Item',
    'Dosage Instruction',
    'Quantity',
    'Scheduled End Date',
    'Additional Information',
  ];
  const repeatCols = [
    'Type',
    'Last Issued',
    'Medication Item',
    'Start Date',
    'Dosage Instruction',
    'Quantity',
    'Additional Information',
  ];
  switch (code) {
    case 'ALL': {
      const a = view.allergies();
      return [
        t('all-tab-curr', allergyCols, a.current, false, 'Current Allergies and Adverse Reactions'),
        t('all-tab-hist', histCols, a.historical, false, 'Historical Allergies and Adverse Reactions'),
      ];
    }
    case 'ENC':
      return [t('enc-tab', encCols, view.encounters(), true)];
    case 'PRB': {
      const p = view.problems();
      return [
        t('prb-tab-act', prbActive, p.active, false, 'Active Problems and Issues'),
        t('prb-tab-majinact', prbInactive, p.majorInactive, true, 'Major Inactive Problems and Issues'),
        t('prb-tab-othinact', prbInactive, p.otherInactive, true, 'Other Inactive Problems and Issues'),
      ];
    }
    case 'IMM':
      return [t('imm-tab', ['Date', 'Vaccination', 'Part', 'Contents', 'Details'], view.immunisations(), false)];
    case 'OBS':
      return [t('obs-tab', ['Date', 'Entry', 'Value', 'Details'], view.observations(), true)];
    case 'CLI':
      return [t('cli-tab', ['Date', 'Entry', 'Details'], view.clinicalItems(), true)];
    case 'ADM':
      return [t('adm-tab', ['Date', 'Entry', 'Details'], view.administrativeItems(), true)];
    case 'REF':
      return [t('ref-tab', ['Date', 'To', 'Priority', 'Details'], view.referrals(), true)];
    case 'MED': {
      const m = view.medications();
      return [
        t('med-tab-acu-med', acuteCols, m.acute, false, 'Acute Medication (Last 12 Months)'),
        t('med-tab-curr-rep', repeatCols, m.currentRepeat, false, 'Current Repeat Medication'),
        t(
          'med-tab-dis-rep',
          [
            'Last Issued',
            'Medication Item',
            'Start Date',
            'Discontinued Date',
            'Discontinuation Reason',
            'Additional Information',
          ],
          m.discontinuedRepeat,
          false,
          'Discontinued Repeat Medication',
        ),
        t(
          'med-tab-all-sum',
          [
            'Type',
            'Start Date',
            'Medication Item',
            'Dosage Instruction',
            'Quantity',
            'Last Issued',
            'Number of Prescriptions Issued',
          ],
          m.all,
          true,
          'All Medication',
        ),
        t(
          'med-tab-all-iss',
          ['Type', 'Issue Date', 'Medication Item', 'Dosage Instruction', 'Quantity', 'Additional Information'],
          m.issues,
          true,
          'All Medication Issues',
        ),
      ];
    }
    case 'SUM': {
      const p = view.problems();
      const m = view.medications();
      return [
        t('sum-tab-emerg', ['Date', 'Entry', 'Details'], [], false, 'Emergency Codes'),
        t('enc-tab', encCols, view.encounters().slice(0, 3), false, 'Last 3 Encounters'),
        t('prb-tab-act', prbActive, p.active, false, 'Active Problems and Issues'),
        t('prb-tab-majinact', prbInactive, p.majorInactive, false, 'Major Inactive Problems and Issues'),
        t('all-tab-curr', allergyCols, view.allergies().current, false, 'Current Allergies and Adverse Reactions'),
        t('med-tab-acu-med', acuteCols, m.acute, false, 'Acute Medication (Last 12 Months)'),
        t('med-tab-curr-rep', repeatCols, m.currentRepeat, false, 'Current Repeat Medication'),
      ];
    }
  }
}
