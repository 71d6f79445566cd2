import type { SeededRandom } from '../../data/seeded-random';
import { SNOMED } from './record-areas';

/**
 * Synthetic consultations in the shape of the demonstrator's consultation bundle (SPEC §6.2): an `Encounter`, its
 * Consultation List, Topic and Category Lists, and coded `Observation`s (with reference ranges for the measured
 * ones). Used to give the rich record 10+ years of history and the benchmark patient a ~10 MB record.
 */
type Json = Record<string, unknown>;
const PROFILE = 'https://fhir.nhs.uk/STU3/StructureDefinition/';

const TOPICS = [
  { code: '38341003', display: 'Hypertensive disorder', text: 'Hypertension review' },
  { code: '195967001', display: 'Asthma', text: 'Asthma review' },
  { code: '44054006', display: 'Diabetes mellitus type 2', text: 'Diabetes review' },
  { code: '54150009', display: 'Upper respiratory infection', text: 'Cough and cold' },
  { code: '279039007', display: 'Low back pain', text: 'Back pain' },
  { code: '35489007', display: 'Depressive disorder', text: 'Low mood' },
] as const;

const MEASUREMENTS = [
  { code: '72313002', display: 'Systolic arterial pressure', unit: 'mm[Hg]', low: 90, high: 140, min: 105, max: 165 },
  {
    code: '1091811000000102',
    display: 'Diastolic arterial pressure',
    unit: 'mm[Hg]',
    low: 60,
    high: 90,
    min: 62,
    max: 98,
  },
  { code: '27113001', display: 'Body weight', unit: 'kg', low: 50, high: 100, min: 58, max: 104 },
  { code: '1107381000000101', display: 'Serum HbA1c level', unit: 'mmol/mol', low: 20, high: 42, min: 34, max: 68 },
] as const;

const NOTES = [
  'Reviewed today. Symptoms settling, advised to continue current plan.',
  'Discussed lifestyle changes; leaflet given. Review in three months.',
  'Examination unremarkable. Safety-netting advice given.',
  'Patient reports improvement since last visit. No new concerns.',
  'Medication reviewed and continued. Bloods requested before next review.',
];

const code = (c: string, display: string) => ({ coding: [{ system: SNOMED, code: c, display }] });

function list(
  id: string,
  title: string,
  listCode: string,
  listDisplay: string,
  patientRef: string,
  encounterRef: string,
  date: string,
  items: readonly string[],
): Json {
  return {
    resourceType: 'List',
    id,
    meta: { profile: [`${PROFILE}CareConnect-GPC-List-1`] },
    status: 'current',
    mode: 'snapshot',
    title,
    code: code(listCode, listDisplay),
    subject: { reference: patientRef },
    encounter: { reference: encounterRef },
    date,
    entry: items.map((reference) => ({ item: { reference } })),
  };
}

export interface GeneratedConsultations {
  readonly resources: readonly Json[];
  /** `Encounter/<id>` of each consultation, newest last, for the "List of consultations". */
  readonly encounters: readonly string[];
}

export function generateConsultations(options: {
  readonly random: SeededRandom;
  readonly count: number;
  /** The first and last consultation day (`yyyy-mm-dd`); consultations are spread evenly between them. */
  readonly from: string;
  readonly to: string;
  readonly patientRef: string;
  readonly practitionerRefs: readonly string[];
  /** Observations per consultation (the benchmark patient uses more to reach its size). */
  readonly observationsPerConsultation: number;
}): GeneratedConsultations {
  const { random: rnd, patientRef } = options;
  const first = Date.parse(`${options.from}T00:00:00Z`);
  const span = Date.parse(`${options.to}T00:00:00Z`) - first;
  const resources: Json[] = [];
  const encounters: string[] = [];
  for (let i = 0; i < options.count; i += 1) {
    const day = new Date(first + Math.floor((span * i) / Math.max(1, options.count - 1))).toISOString().slice(0, 10);
    // Winter/summer offsets are not needed for history: whole-hour UTC times written with +00:00 are valid instants.
    const start = `${day}T${String(rnd.int(8, 17)).padStart(2, '0')}:${rnd.pick(['00', '10', '20', '30', '40', '50'])}:00+00:00`;
    const id = `gen-c${i + 1}`;
    const encounterRef = `Encounter/${id}-enc`;
    const practitioner = rnd.pick(options.practitionerRefs);
    const topic = rnd.pick(TOPICS);
    const observations: Json[] = [];
    for (let j = 0; j < options.observationsPerConsultation; j += 1) {
      const obsId = `${id}-obs${j + 1}`;
      const base: Json = {
        resourceType: 'Observation',
        id: obsId,
        meta: { profile: [`${PROFILE}CareConnect-GPC-Observation-1`] },
        identifier: [{ system: 'https://gpc-workstation.demonstrator.invalid/Id/item', value: rnd.uuid() }],
        status: 'final',
        subject: { reference: patientRef },
        context: { reference: encounterRef },
        effectiveDateTime: start,
        issued: start,
        performer: [{ reference: practitioner }],
      };
      if (j === 0) {
        observations.push({ ...base, code: code('37331000000100', 'Comment note'), comment: rnd.pick(NOTES) });
      } else {
        const m = rnd.pick(MEASUREMENTS);
        observations.push({
          ...base,
          code: code(m.code, m.display),
          valueQuantity: {
            value: rnd.int(m.min, m.max),
            unit: m.unit,
            system: 'http://unitsofmeasure.org',
            code: m.unit,
          },
          referenceRange: [
            {
              low: { value: m.low, unit: m.unit, system: 'http://unitsofmeasure.org', code: m.unit },
              high: { value: m.high, unit: m.unit, system: 'http://unitsofmeasure.org', code: m.unit },
            },
          ],
        });
      }
    }
    const obsRefs = observations.map((o) => `Observation/${String(o['id'])}`);
    const history = list(
      `${id}-topic1-history`,
      'History',
      '24781000000107',
      'Category (EHR)',
      patientRef,
      encounterRef,
      start,
      obsRefs.slice(0, 1),
    );
    const examination = list(
      `${id}-topic1-examination`,
      'Examination',
      '24781000000107',
      'Category (EHR)',
      patientRef,
      encounterRef,
      start,
      obsRefs.slice(1),
    );
    const topicList = list(
      `${id}-topic1`,
      topic.text,
      '25851000000105',
      'Topic (EHR)',
      patientRef,
      encounterRef,
      start,
      [`List/${String(history['id'])}`, `List/${String(examination['id'])}`],
    );
    const consultation = list(
      id,
      'Surgery Consultation',
      '325851000000107',
      'Consultation',
      patientRef,
      encounterRef,
      start,
      [`List/${id}-topic1`],
    );
    resources.push(
      {
        resourceType: 'Encounter',
        id: `${id}-enc`,
        meta: { profile: [`${PROFILE}CareConnect-GPC-Encounter-1`] },
        identifier: [{ system: 'https://gpc-workstation.demonstrator.invalid/Id/item', value: rnd.uuid() }],
        status: 'finished',
        type: [{ text: 'Surgery Consultation' }],
        subject: { reference: patientRef },
        participant: [
          {
            type: [
              {
                coding: [
                  {
                    system: 'https://fhir.nhs.uk/STU3/CodeSystem/GPConnect-ParticipantType-1',
                    code: 'PPRF',
                    display: 'primary performer',
                  },
                ],
              },
            ],
            individual: { reference: practitioner },
          },
        ],
        period: { start },
      },
      consultation,
      topicList,
      history,
      examination,
      ...observations,
    );
    encounters.push(encounterRef);
  }
  return { resources, encounters };
}
