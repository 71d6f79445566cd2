import type { PracticeRecord } from '../../data/practices';
import type { PracticePatient } from '../../data/practice-patients';
import { practicePatients } from '../../data/practice-patients';
import { pdsRecordFor } from '../../data/pds-patients';
import { gpcError } from '../../operation-outcome';
import type { Checked } from '../../validation/result';
import { pass, reject } from '../../validation/result';
import { readRequestBody } from '../../validation/content-negotiation';
import { STRUCTURED_PARAMETERS, checkStructuredParameters } from '../../validation/structured-parameters';
import { buildStructuredRecord } from './record-builder';
import { knownAreaParameters } from './record-areas';

/**
 * `POST Patient/$gpc.getstructuredrecord` (SPEC §6): body type, Parameters, then the patient's state at the practice
 * (not found, not active, dissent) in the order a provider checks them, then the record.
 */
export interface StructuredCall {
  readonly practice: PracticeRecord;
  readonly contentType: string | undefined;
  readonly body: Buffer;
  readonly traceId: string;
  readonly today: string;
  readonly seed: number;
}

/** Registered, active, not sensitive: the one record GP Connect may share (several → the newest registration). */
export function activeRecord(practice: PracticeRecord, nhsNumber: string): Checked<PracticePatient> {
  const records = practicePatients(practice.odsCode).filter((r) => r.nhsNumber === nhsNumber);
  const active = records
    .filter((r) => r.status === 'active')
    .sort((a, b) => b.registeredSince.localeCompare(a.registeredSince));
  const record = active[0];
  if (!record) {
    return reject(
      gpcError('PATIENT_NOT_FOUND', `no active, shareable record for this NHS number at ${practice.odsCode}`),
    );
  }
  return pass(record);
}

export function getStructuredRecord(call: StructuredCall): Checked<Record<string, unknown>> {
  const json = readRequestBody(call.contentType, call.body, 'stu3');
  if (!json.ok) return json;
  const knownParameters = knownAreaParameters(call.practice.structured.version);
  const knownParts = new Set(
    Object.entries(STRUCTURED_PARAMETERS)
      .filter(([name]) => knownParameters.has(name))
      .flatMap(([, parts]) => Object.keys(parts)),
  );
  const structured = call.practice.structured;
  const query = checkStructuredParameters(json.value, {
    today: call.today,
    knownParameters,
    knownParts,
    disabledParameters: new Set(structured.enabled ? (structured.disabledAreas ?? []) : []),
  });
  if (!query.ok) return query;

  const record = activeRecord(call.practice, query.value.nhsNumber);
  if (!record.ok) return record;
  if (record.value.dissent) {
    return reject(gpcError('NO_PATIENT_CONSENT', 'the patient has dissented from sharing their GP record'));
  }
  const pds = pdsRecordFor(record.value.nhsNumber);
  if (!pds) return reject(gpcError('PATIENT_NOT_FOUND', 'the NHS number could not be verified'));
  return pass(
    buildStructuredRecord({
      practice: call.practice,
      patient: record.value,
      pds,
      query: query.value,
      traceId: call.traceId,
      seed: call.seed,
      today: call.today,
    }),
  );
}
