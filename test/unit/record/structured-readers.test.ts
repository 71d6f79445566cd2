import { describe, expect, it } from 'vitest';
import { readStructuredCapability } from '../../../shared/gpconnect/structured-capability';
import { AREA_STATUS_TEXT, RECORD_AREA_KEYS } from '../../../shared/record/structured-view';
import type { RecordAreaKey } from '../../../shared/record/structured-view';
import { demonstratorBundle, example, viewOf } from './structured-fixtures';

/**
 * The structured readers over the published demonstrator and spec example Bundles and the demonstrator's own
 * records: what a clinician would see in each area, the absence vocabulary, partial dates and the cross-check.
 */
type Bundle = Record<string, unknown>;
const entries = (b: Bundle) => b['entry'] as { resource?: Record<string, unknown> }[];

describe('allergies', () => {
  const view = viewOf(example('demonstrator-Consolidated_allergies_test_record.json')).areas.allergies;

  it('keeps ended allergies (contained in the Ended allergies List) apart from active ones, with end date and reason', () => {
    expect(view.active).toHaveLength(28);
    expect(view.active.every((a) => a.clinicalStatus === 'active')).toBe(true);
    expect(view.ended.map((a) => a.substance.text).sort()).toEqual([
      'DIAZEPAM (all components considered allergens - Diazepam 5mg/2.5ml rectal solution tube)',
      'Sensitivity to Multilex action group: Antimotility drugs',
    ]);
    const diazepam = view.ended.find((a) => a.substance.text.startsWith('DIAZEPAM'));
    expect(diazepam?.ended?.date?.display).toBe('01-Jan-2007');
    expect(diazepam?.ended?.reason).toBe('No information available');
    expect(view.endedAvailability.status).toBe('present');
  });

  it('shows a partial date as recorded (assertedDate 2007-01 → Jan-2007)', () => {
    const diazepam = view.ended.find((a) => a.substance.text.startsWith('DIAZEPAM'));
    expect(diazepam?.recorded).toMatchObject({ precision: 'month', display: 'Jan-2007' });
  });

  it('matches Lists by SNOMED code, not title: the 1.6.2 example titled "Active Allergies" is still the allergy List', () => {
    const spec = viewOf(example('spec-1.6.2-allergies_response1.json')).areas.allergies;
    expect(spec.active.length).toBeGreaterThan(0);
    // Its "Resolved Allergies" List is coded "TBD": not recognisable, so said to be not returned, never "none".
    expect(spec.endedAvailability.status).toBe('not-returned');
  });
});

describe('medications', () => {
  const meds = viewOf(example('spec-1.6.2-meds_response.json')).areas.medications;

  it('groups authorisations: a current repeat with its issues, past acutes; two drugs sharing an identifier both shown', () => {
    expect(meds.currentRepeats.map((m) => m.medication.text)).toEqual(['Aspirin 75mg dispersible tablets']);
    const aspirin = meds.currentRepeats[0];
    expect(aspirin?.issues.map((i) => i.issued?.display)).toEqual(['11-Sep-2016', '11-Aug-2016']);
    expect(aspirin).toMatchObject({ repeatsAllowed: 5, repeatsIssued: 2, prescriptionType: 'repeat' });
    expect(aspirin?.issues[0]?.supplyDuration).toBe('28 days');
    // The example gives two authorisations one identifier (each with its own Medication): both stay visible.
    expect(meds.past.map((m) => m.id).sort()).toEqual([
      'MedicationStatement/6bff710a-0bdc-4c9b-b98b-40db0a107edc',
      'MedicationStatement/985eba1d-e4fd-41ad-90aa-f840dff453d9',
    ]);
  });

  it('puts a stopped authorisation under discontinued with its reason, and another organisation’s under prescribed elsewhere', () => {
    const bundle = structuredClone(example('spec-1.6.2-meds_response.json'));
    const resources = entries(bundle).map((e) => e.resource ?? {});
    const plan = resources.find((r) => r['id'] === '8e078d04-8312-433a-b6b4-46bf52542b0c');
    const statement = resources.find((r) => r['id'] === '791ceb40-db0a-491d-ab0f-22f5a08509fd');
    if (!plan || !statement) throw new Error('example changed');
    plan['status'] = 'stopped';
    plan['extension'] = [
      ...(plan['extension'] as unknown[]),
      {
        url: 'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-CareConnect-GPC-MedicationStatusReason-1',
        extension: [
          { url: 'statusChangeDate', valueDateTime: '2017-02-03' },
          { url: 'statusReason', valueCodeableConcept: { text: 'Gastric irritation' } },
        ],
      },
    ];
    statement['status'] = 'stopped';
    const stopped = viewOf(bundle).areas.medications;
    expect(stopped.currentRepeats).toHaveLength(0);
    expect(stopped.discontinued[0]?.discontinued).toMatchObject({
      reason: 'Gastric irritation',
      date: { display: '03-Feb-2017' },
    });

    const elsewhere = structuredClone(example('spec-1.6.2-meds_response.json'));
    const s2 = entries(elsewhere).find((e) => e.resource?.['id'] === '791ceb40-db0a-491d-ab0f-22f5a08509fd')?.resource;
    if (!s2) throw new Error('example changed');
    s2['extension'] = [
      {
        url: 'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-CareConnect-GPC-PrescribingAgency-1',
        valueCodeableConcept: {
          coding: [{ code: 'prescribed-by-another-organisation', display: 'Prescribed by another organisation' }],
        },
      },
    ];
    const view = viewOf(elsewhere).areas.medications;
    expect(view.prescribedElsewhere.map((m) => m.medication.text)).toEqual(['Aspirin 75mg dispersible tablets']);
    expect(view.currentRepeats).toHaveLength(0);
  });
});

describe('problems', () => {
  const problems = viewOf(example('demonstrator-Problems_ConsumerData_v0_2.json')).areas.problems;

  it('splits active/inactive and major/minor, with the items linked to each', () => {
    const all = [
      ...problems.activeMajor,
      ...problems.activeMinor,
      ...problems.inactiveMajor,
      ...problems.inactiveMinor,
    ];
    expect(all).toHaveLength(17);
    expect(problems.activeMajor.every((p) => p.status === 'active' && p.significance === 'major')).toBe(true);
    expect(problems.inactiveMinor.every((p) => p.status === 'inactive' && p.significance !== 'major')).toBe(true);
    const mi = all.find((p) => p.condition.text === 'Acute myocardial infarction');
    expect(mi?.linkedItems.length).toBeGreaterThan(0);
    expect(mi?.linkedItems.filter((l) => l.resolved).every((l) => l.display !== '')).toBe(true);
    const kinds = new Set(all.flatMap((p) => p.linkedItems.map((l) => l.kind)));
    for (const kind of [
      'consultations',
      'medications',
      'uncategorised',
      'immunisations',
      'allergies',
      'referrals',
      'documents',
    ]) {
      expect(kinds).toContain(kind);
    }
  });

  it('marks the items of other areas with the problems they are linked to', () => {
    const view = viewOf(example('demonstrator-ConsultationResponse1.json'));
    const linked = view.areas.consultations.consultations.flatMap((c) => c.linkedProblems.map((p) => p.display));
    expect(linked).toContain('Anxiety with depression');
    // A referrals answer carries the problem its referral links to in the linked-problems List only.
    const referrals = viewOf(example('demonstrator-Referrals_ConsumerData_v0_3.json'));
    expect(referrals.linkedProblems).toHaveLength(1);
    const problem = referrals.linkedProblems[0]?.id;
    expect(referrals.areas.referrals.referrals.some((r) => r.linkedProblems.some((p) => p.ref === problem))).toBe(true);
  });
});

describe('consultations', () => {
  const consultations = viewOf(example('demonstrator-ConsultationResponse1.json')).areas.consultations.consultations;

  it('lists consultations newest first with topics, headings and the items recorded under them', () => {
    expect(consultations.map((c) => c.date?.display)).toEqual(['01-Jun-2019', '01-May-2019', '28-Mar-2019']);
    const first = consultations[0];
    expect(first?.title).toBe('Surgery Consultation');
    expect(first?.clinician).toBeTruthy();
    const topic = first?.topics[0];
    expect(topic?.problem?.display).toBe('Anxiety with depression');
    expect(topic?.headings.map((h) => h.title)).toContain('History');
    const narrative = topic?.headings.flatMap((h) => h.items).find((i) => i.kind === 'narrative');
    expect(narrative?.display).toMatch(/Mood slowly improving/);
  });
});

describe('immunisations, uncategorised data, investigations, referrals, diary', () => {
  it('reads an immunisation as given, with its vaccine term, date and batch', () => {
    const imm = viewOf(example('spec-1.6.2-immunizations_response1.json')).areas.immunisations;
    expect(imm.given).toHaveLength(1);
    expect(imm.given[0]).toMatchObject({ given: true, vaccine: { text: 'First hepatitis A vaccination' } });
    expect(imm.notGiven).toHaveLength(0);
  });

  it('reads a not-given immunisation into its own group with the reason', () => {
    const bundle = structuredClone(example('spec-1.6.2-immunizations_response1.json'));
    const i = entries(bundle).find((e) => e.resource?.['resourceType'] === 'Immunization')?.resource;
    if (!i) throw new Error('example changed');
    i['notGiven'] = true;
    i['explanation'] = { reasonNotGiven: [{ text: 'Patient declined' }] };
    const imm = viewOf(bundle).areas.immunisations;
    expect(imm.given).toHaveLength(0);
    expect(imm.notGiven[0]?.notGivenReason).toBe('Patient declined');
  });

  it('reads a blood pressure sent as components as one reading', () => {
    const bundle = example('demonstrator-ConsultationResponse1.json');
    const bp = entries(bundle).find((e) => e.resource?.['id'] === 'Consultation1-Topic3-flat-Observation-2')?.resource;
    const list = {
      resourceType: 'List',
      id: 'u',
      code: { coding: [{ system: 'http://snomed.info/sct', code: '826501000000100' }] },
      entry: [{ item: { reference: 'Observation/Consultation1-Topic3-flat-Observation-2' } }],
    };
    const view = viewOf({ resourceType: 'Bundle', entry: [{ resource: bp }, { resource: list }] });
    expect(view.areas.uncategorised.items[0]?.bloodPressure?.text).toMatch(/^130\/\d+ mmHg$/);
  });

  it('pairs separate systolic and diastolic observations of one reading in the demonstrator’s rich record', () => {
    const items = viewOf(demonstratorBundle('9658218873')).areas.uncategorised.items;
    expect(
      items.some((i) => i.concept.text === 'Blood pressure' && /^\d+\/\d+ mmHg$/.test(i.bloodPressure?.text ?? '')),
    ).toBe(true);
  });

  it('reads reports → test groups → results with value, unit, range and abnormal flag, and filing comments', () => {
    const reports = viewOf(example('demonstrator-Investigations_Consumer_Data_Extract_File.json')).areas.investigations
      .reports;
    expect(reports).toHaveLength(14);
    const results = reports.flatMap((r) => [...r.results, ...r.testGroups.flatMap((g) => g.results)]);
    const cholesterol = results.find((r) => r.name.text === 'Serum cholesterol');
    expect(cholesterol).toMatchObject({
      unit: 'mmol/L',
      abnormal: true,
      interpretation: { text: 'HI - Above high reference limit' },
    });
    expect(cholesterol?.referenceRanges[0]?.text).toBe('3.5 - 5.2 mmol/L');
    const sodium = results.find((r) => r.name.text === 'Serum sodium');
    expect(sodium?.abnormal).toBe(false);
    expect(reports.some((r) => r.testGroups.length > 0)).toBe(true);
    expect(reports.flatMap((r) => r.filingComments).length).toBeGreaterThan(0);
    expect(results.flatMap((r) => r.filingComments).map((c) => c.text)).toContain(
      '(EMISTest) - Abnormal - Contact Patient',
    );
  });

  it('reads referrals and diary entries', () => {
    const referrals = viewOf(example('demonstrator-Referrals_ConsumerData_v0_3.json')).areas.referrals.referrals;
    expect(referrals).toHaveLength(7);
    expect(referrals[0]?.reasons[0]?.text).toBeTruthy();
    const diary = viewOf(example('demonstrator-DiaryEntries_ConsumerData_v0_2.json')).areas.diary.entries;
    expect(diary).toHaveLength(6);
    expect(diary.every((d, i) => i === 0 || (diary[i - 1]?.due?.sortKey ?? '') <= (d.due?.sortKey ?? '~'))).toBe(true);
  });
});

describe('references, duplicates and absence', () => {
  it('resolves absolute references and collapses a duplicate item (same identifier, same content, new id)', () => {
    const bundle = structuredClone(example('spec-1.6.2-immunizations_response1.json'));
    const list = entries(bundle).find((e) => e.resource?.['resourceType'] === 'List')?.resource;
    const imm = entries(bundle).find((e) => e.resource?.['resourceType'] === 'Immunization')?.resource;
    if (!list || !imm) throw new Error('example changed');
    list['entry'] = [
      { item: { reference: `https://provider.example/STU3/1/gpconnect/Immunization/${String(imm['id'])}` } },
      { item: { reference: 'Immunization/copy-of-it' } },
    ];
    entries(bundle).push({ resource: { ...imm, id: 'copy-of-it' } });
    expect(viewOf(bundle).areas.immunisations.given).toHaveLength(1);
  });

  it('says not requested / not supported / disabled / none recorded in the same words for every area', () => {
    const requested = Object.fromEntries(RECORD_AREA_KEYS.map((k) => [k, k !== 'diary'])) as Record<
      RecordAreaKey,
      boolean
    >;
    const capability = readStructuredCapability({
      resourceType: 'CapabilityStatement',
      version: '1.5.0',
      rest: [{ operation: [{ name: 'gpc.getstructuredrecord' }] }],
    });
    const bundle = structuredClone(example('spec-1.6.2-immunizations_response1.json'));
    entries(bundle).push({
      resource: {
        resourceType: 'OperationOutcome',
        issue: [
          {
            severity: 'warning',
            code: 'not-supported',
            details: { coding: [{ code: 'NOT_IMPLEMENTED' }], text: 'includeProblems has been disabled' },
            diagnostics: 'includeProblems',
          },
        ],
      },
    });
    const view = viewOf(bundle, { requested, capability });
    expect(view.areas.investigations.availability.status).toBe('not-supported');
    expect(view.areas.referrals.availability.headline).toBe(AREA_STATUS_TEXT['not-supported']);
    expect(view.areas.diary.availability.status).toBe('not-supported');
    expect(view.areas.problems.availability.status).toBe('disabled');
    expect(view.areas.problems.availability.outcomeWarnings[0]?.text).toBe('includeProblems has been disabled');
    expect(view.areas.immunisations.availability.status).toBe('present');
    expect(view.areas.allergies.availability.status).toBe('not-returned');
    expect(view.areas.allergies.availability.headline).toMatch(/does not mean none recorded/);
  });

  it('reads the demonstrator’s no-known-allergies and confidential cases', () => {
    const nka = viewOf(demonstratorBundle('9658218989')).areas.allergies;
    expect(nka.availability).toMatchObject({ status: 'none-recorded', emptyReason: { text: 'No Known Allergies' } });
    const confidential = viewOf(demonstratorBundle('9658219705')).areas;
    expect(confidential.immunisations.availability).toMatchObject({ status: 'excluded', itemsWithheld: true });
    expect(confidential.problems.availability).toMatchObject({ status: 'present', itemsWithheld: true });
  });

  it('reads the in-transit warning on every list with the date from the sentence', () => {
    const view = viewOf(demonstratorBundle('9658219691'));
    for (const key of RECORD_AREA_KEYS) {
      const a = view.areas[key].availability;
      expect(a.mayBeIncomplete, key).toBe(true);
      expect(a.warnings.find((w) => w.code === 'data-in-transit')?.since?.display, key).toBe('03-Nov-2025');
    }
  });

  it('flags NOPAT items and names the demographic differences from the PDS trace', () => {
    const bundle = structuredClone(example('spec-1.6.2-immunizations_response1.json'));
    const imm = entries(bundle).find((e) => e.resource?.['resourceType'] === 'Immunization')?.resource;
    if (!imm) throw new Error('example changed');
    imm['meta'] = { security: [{ system: 'http://hl7.org/fhir/v3/ActCode', code: 'NOPAT' }] };
    const view = viewOf(bundle);
    expect(view.areas.immunisations.given[0]?.nopat).toBe(true);
    expect(view.crossCheck.checked).toBe(true);
    expect(view.crossCheck.differences.map((d) => d.field)).toContain('Family name');
  });
});
