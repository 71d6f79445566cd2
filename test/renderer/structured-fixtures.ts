import type { PatientSummary } from '../../shared/patient/patient-summary';
import type {
  AreaAvailability,
  AreaStatus,
  CodedConcept,
  ConsultationItem,
  RecordItemBase,
  RecordedDate,
  StructuredRecordAreas,
  StructuredRecordView,
  TestResultView,
} from '../../shared/record/structured-view';
import { AREA_STATUS_TEXT } from '../../shared/record/structured-view';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A RecordedDate as main builds it, at the precision written: `2024`, `2024-03`, `2024-03-12`. */
export function date(iso: string): RecordedDate {
  const [y, m, d] = iso.split('-');
  if (!m) return { iso, precision: 'year', display: iso, sortKey: `${y}-01-01T00:00` };
  const month = MONTHS[Number(m) - 1] ?? m;
  if (!d) return { iso, precision: 'month', display: `${month}-${y}`, sortKey: `${y}-${m}-01T00:00` };
  return { iso, precision: 'day', display: `${d.slice(0, 2)}-${month}-${y}`, sortKey: `${iso.slice(0, 10)}T00:00` };
}

export function concept(text: string, code?: string): CodedConcept {
  return { text, codings: code ? [{ system: 'http://snomed.info/sct', code, display: text }] : [] };
}

export function base(id: string, extra: Partial<RecordItemBase> = {}): RecordItemBase {
  return { id, identifiers: [], nopat: false, notes: [], linkedProblems: [], ...extra };
}

export function availability(status: AreaStatus, extra: Partial<AreaAvailability> = {}): AreaAvailability {
  return {
    status,
    headline: AREA_STATUS_TEXT[status],
    warnings: [],
    mayBeIncomplete: false,
    itemsWithheld: false,
    notes: [],
    placeholders: [],
    outcomeWarnings: [],
    capability: 'supported',
    itemCount: 0,
    ...extra,
  };
}

function result(
  id: string,
  name: string,
  code: string,
  value: number,
  unit: string,
  when: string,
  abnormal = false,
): TestResultView {
  return {
    id,
    name: concept(name, code),
    value: { kind: 'quantity', quantity: { value, unit, text: `${value} ${unit}` } },
    referenceRanges: [
      {
        low: { value: 20, unit, text: `20 ${unit}` },
        high: { value: 42, unit, text: `42 ${unit}` },
        text: `20 - 42 ${unit}`,
      },
    ],
    ...(abnormal ? { interpretation: { code: 'H', text: 'High', abnormal: true } } : {}),
    abnormal,
    date: date(when),
    notes: [],
    filingComments: [],
    nopat: false,
  };
}

export function consultation(i: number, when = '2020-01-01'): ConsultationItem {
  return {
    ...base(`Encounter/c${i}`),
    date: date(when),
    title: `Surgery consultation ${i}`,
    clinician: 'Dr Nadia Khan',
    location: 'Riverside Medical Practice',
    topics: [
      {
        id: `List/t${i}`,
        title: 'Asthma review',
        headings: [
          {
            id: `List/h${i}`,
            title: 'Examination',
            items: [
              { ref: `Observation/o${i}`, kind: 'uncategorised', display: 'Peak flow 420 L/min', resolved: true },
            ],
          },
        ],
        items: [
          {
            ref: `Observation/n${i}`,
            kind: 'narrative',
            display: 'Feeling well, inhaler technique good',
            resolved: true,
          },
        ],
      },
    ],
  };
}

/** A rich record: something in every area, every sub-list, warnings on some. */
export function richView(patient: PatientSummary): StructuredRecordView {
  const areas: StructuredRecordAreas = {
    allergies: {
      availability: availability('present', { itemCount: 1 }),
      active: [
        {
          ...base('AllergyIntolerance/a1', { nopat: true }),
          substance: concept('Penicillin', '91936005'),
          clinicalStatus: 'active',
          categories: ['medication'],
          onset: date('2015-06'),
          reactions: [{ manifestations: ['Urticaria'], severity: 'moderate', notes: [] }],
        },
      ],
      ended: [
        {
          ...base('AllergyIntolerance/a2'),
          substance: concept('Hay fever pollen allergy', '21719001'),
          clinicalStatus: 'resolved',
          categories: ['environment'],
          onset: date('1990'),
          ended: { date: date('2012-04-02'), reason: 'Grew out of it' },
          reactions: [],
        },
      ],
      endedAvailability: availability('present', { itemCount: 1 }),
    },
    medications: {
      availability: availability('present', { itemCount: 4 }),
      currentRepeats: [
        {
          ...base('MedicationStatement/m1'),
          medication: concept('Salbutamol 100micrograms/dose inhaler', '320176004'),
          dosage: 'Two puffs when required',
          prescriptionType: 'repeat',
          status: 'active',
          effective: { start: date('2019-02-11') },
          lastIssued: date('2024-10-01'),
          prescribedElsewhere: false,
          repeatsAllowed: 6,
          repeatsIssued: 3,
          authorisationId: 'MedicationRequest/auth1',
          issues: [
            {
              id: 'MedicationRequest/i1',
              issued: date('2024-10-01'),
              quantity: '1 inhaler',
              supplyDuration: '28 days',
              issueNumber: 3,
              status: 'completed',
              nopat: false,
            },
            {
              id: 'MedicationRequest/i2',
              issued: date('2024-08-01'),
              quantity: '1 inhaler',
              issueNumber: 2,
              status: 'completed',
              nopat: false,
            },
          ],
        },
      ],
      currentAcutes: [
        {
          ...base('MedicationStatement/m2'),
          medication: concept('Amoxicillin 500mg capsules'),
          dosage: 'One three times a day',
          prescriptionType: 'acute',
          status: 'active',
          effective: { start: date('2024-11-20') },
          prescribedElsewhere: false,
          issues: [],
        },
      ],
      prescribedElsewhere: [
        {
          ...base('MedicationStatement/m3'),
          medication: concept('Methotrexate 2.5mg tablets'),
          prescriptionType: 'repeat',
          status: 'active',
          prescribingAgency: 'Prescribed by another organisation',
          prescribedElsewhere: true,
          issues: [],
        },
      ],
      discontinued: [
        {
          ...base('MedicationStatement/m4'),
          medication: concept('Ramipril 5mg capsules'),
          prescriptionType: 'repeat',
          status: 'stopped',
          prescribedElsewhere: false,
          discontinued: { date: date('2023-05-14'), reason: 'Dry cough' },
          issues: [],
        },
      ],
      past: [],
    },
    problems: {
      availability: availability('present', { itemCount: 2 }),
      activeMajor: [
        {
          ...base('Condition/p1'),
          condition: concept('Asthma', '195967001'),
          status: 'active',
          significance: 'major',
          onset: date('2009-03-02'),
          linkedItems: [
            {
              ref: 'MedicationStatement/m1',
              kind: 'medications',
              display: 'Salbutamol 100micrograms/dose inhaler',
              resolved: true,
            },
            {
              ref: 'Encounter/c1',
              kind: 'consultations',
              display: 'Surgery consultation 1',
              date: date('2024-02-01'),
              resolved: true,
            },
          ],
          relatedProblems: [],
        },
      ],
      activeMinor: [],
      inactiveMajor: [],
      inactiveMinor: [
        {
          ...base('Condition/p2'),
          condition: concept('Sprained ankle'),
          status: 'inactive',
          significance: 'minor',
          onset: date('2018-07-01'),
          ended: date('2018-09'),
          linkedItems: [],
          relatedProblems: [],
        },
      ],
    },
    consultations: {
      availability: availability('present', { itemCount: 2 }),
      consultations: [consultation(1, '2024-02-01'), consultation(2, '2021-09-15')],
    },
    immunisations: {
      availability: availability('present', { itemCount: 2 }),
      given: [
        {
          ...base('Immunization/v1'),
          vaccine: concept('Influenza vaccine', '1181000221105'),
          given: true,
          status: 'completed',
          date: date('2024-10-05'),
          reasons: [],
          doseSequence: 1,
          reportedElsewhere: false,
        },
      ],
      notGiven: [
        {
          ...base('Immunization/v2'),
          vaccine: concept('Pneumococcal vaccine'),
          given: false,
          status: 'completed',
          date: date('2023-10'),
          notGivenReason: 'Patient declined',
          reasons: [],
          reportedElsewhere: false,
        },
      ],
      statuses: [],
    },
    investigations: {
      availability: availability('present', { itemCount: 2 }),
      reports: [
        {
          ...base('DiagnosticReport/r1'),
          title: concept('Diabetic review bloods'),
          status: 'final',
          issued: date('2024-09-01'),
          specimens: [{ id: 'Specimen/s1', type: 'Blood', collected: date('2024-08-30'), notes: [] }],
          testGroups: [
            {
              id: 'Observation/g1',
              name: concept('Glycated haemoglobin'),
              results: [result('Observation/x1', 'HbA1c', '1049301000000100', 53, 'mmol/mol', '2024-08-30', true)],
              notes: [],
              filingComments: [{ id: 'Observation/f1', text: 'Discuss at next review', by: 'Dr Nadia Khan' }],
            },
          ],
          results: [],
          filingComments: [],
        },
        {
          ...base('DiagnosticReport/r2'),
          title: concept('Diabetic review bloods'),
          status: 'final',
          issued: date('2023-09-01'),
          specimens: [],
          testGroups: [],
          results: [result('Observation/x2', 'HbA1c', '1049301000000100', 41, 'mmol/mol', '2023-08-30')],
          filingComments: [],
        },
      ],
    },
    uncategorised: {
      availability: availability('present', { itemCount: 2 }),
      items: [
        {
          ...base('Observation/u1'),
          concept: concept('Blood pressure', '75367002'),
          date: date('2024-02-01'),
          referenceRanges: [],
          bloodPressure: {
            systolic: { value: 138, unit: 'mmHg', text: '138 mmHg' },
            diastolic: { value: 86, unit: 'mmHg', text: '86 mmHg' },
            text: '138/86 mmHg',
          },
          components: [],
        },
        {
          ...base('Observation/u2'),
          concept: concept('Blood pressure', '75367002'),
          date: date('2022-05-10'),
          referenceRanges: [],
          bloodPressure: {
            systolic: { value: 128, unit: 'mmHg', text: '128 mmHg' },
            diastolic: { value: 80, unit: 'mmHg', text: '80 mmHg' },
            text: '128/80 mmHg',
          },
          components: [],
        },
      ],
    },
    referrals: {
      availability: availability('present', { itemCount: 1 }),
      referrals: [
        {
          ...base('ReferralRequest/f1'),
          date: date('2024-03-12'),
          status: 'active',
          priority: 'routine',
          services: ['Respiratory medicine'],
          reasons: [concept('Asthma', '195967001')],
          recipients: ['Harrogate District Hospital'],
          ubrn: '000000012345',
          documents: [],
        },
      ],
    },
    diary: {
      availability: availability('present', { itemCount: 1 }),
      entries: [
        {
          ...base('ProcedureRequest/d1'),
          concept: concept('Asthma annual review', '394700004'),
          due: date('2026-12-01'),
          status: 'active',
          reasons: [],
        },
      ],
    },
  };
  return {
    patient,
    odsCode: 'A20047',
    practice: { odsCode: 'A20047', name: 'Riverside Medical Practice' },
    usualGp: 'Dr Nadia Khan',
    traceId: '7413c66e-9d8f-492e-9849-95142178acfb',
    retrievedAt: '2026-11-25T10:05:00Z',
    crossCheck: { checked: true, nhsNumberMismatch: false, differences: [] },
    outcomeWarnings: [],
    capability: { checked: true },
    areas,
    linkedProblems: [],
  };
}
