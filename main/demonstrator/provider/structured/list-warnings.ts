import { formatNhsDate } from '../../../../shared/nhs/dates';
import type { Json } from './record-pool';
import { listCode } from './record-pool';
import { SNOMED } from './record-areas';

/** List shape, warnings and empty reasons of SPEC §6.3 and §6.5. */
const PROFILE = 'https://fhir.nhs.uk/STU3/StructureDefinition/';
const WARNING_EXTENSION = `${PROFILE}Extension-CareConnect-GPC-ListWarningCode-1`;
const CLINICAL_SETTING_EXTENSION = `${PROFILE}Extension-CareConnect-GPC-ClinicalSetting-1`;
const EMPTY_REASON_SYSTEM = 'https://fhir.nhs.uk/STU3/CodeSystem/CareConnect-ListEmptyReasonCode-1';

export type ListWarning = 'confidential-items' | 'data-in-transit' | 'data-awaiting-filing';

export function warningText(code: ListWarning, since: string): string {
  switch (code) {
    case 'confidential-items':
      return 'Items excluded due to confidentiality and/or patient preferences.';
    case 'data-in-transit':
      return `Patient record transfer from previous GP practice not yet complete; information recorded before ${formatNhsDate(since)} may be missing.`;
    case 'data-awaiting-filing':
      return `Patient record contains some items in the GP practice workflow that have not been reviewed for inclusion in this message; information recorded before ${formatNhsDate(since)} may be missing.`;
  }
}

/** A List in the shape SPEC §6.3 gives: status, mode, code, title, subject, clinical setting; warnings added later. */
export function normaliseList(list: Json, patientRef: string, title?: string): void {
  const code = listCode(list) ?? '';
  list['meta'] = { profile: [`${PROFILE}CareConnect-GPC-List-1`] };
  list['status'] = 'current';
  list['mode'] = 'snapshot';
  list['subject'] = { reference: patientRef };
  if (title !== undefined) {
    list['title'] = title;
    list['code'] = { coding: [{ system: SNOMED, code, display: title }] };
  }
  const others = ((list['extension'] as Json[] | undefined) ?? []).filter(
    (e) => e['url'] !== WARNING_EXTENSION && e['url'] !== CLINICAL_SETTING_EXTENSION,
  );
  list['extension'] = [
    {
      url: CLINICAL_SETTING_EXTENSION,
      valueCodeableConcept: {
        coding: [{ system: SNOMED, code: '1060971000000108', display: 'General practice service' }],
      },
    },
    ...others,
  ];
  delete list['note'];
  delete list['emptyReason'];
}

export function emptyList(code: string, title: string, patientRef: string): Json {
  const list: Json = { resourceType: 'List', id: `list-${code}`, code: { coding: [{ system: SNOMED, code }] } };
  normaliseList(list, patientRef, title);
  return list;
}

export function addWarning(list: Json, code: ListWarning, since: string): void {
  const ext = list['extension'] as Json[];
  if (ext.some((e) => e['url'] === WARNING_EXTENSION && e['valueCode'] === code)) return;
  ext.push({ url: WARNING_EXTENSION, valueCode: code });
  const text = warningText(code, since);
  const note = (list['note'] as { text: string }[] | undefined)?.[0];
  list['note'] = [{ text: note ? `${note.text} ${text}` : text }];
}

export function markEmpty(list: Json, reason: 'no-content-recorded' | 'nil-known'): void {
  list['entry'] = [];
  if (reason === 'nil-known') {
    // How the reference demonstrator answers a recorded "no known allergies".
    list['emptyReason'] = {
      coding: [{ system: 'http://hl7.org/fhir/special-values', code: 'nil-known', display: 'Nil Known' }],
      text: 'No Known Allergies',
    };
  } else {
    list['emptyReason'] = {
      coding: [{ system: EMPTY_REASON_SYSTEM, code: 'no-content-recorded', display: 'No Content Recorded' }],
    };
  }
  const notes = (list['note'] as { text: string }[] | undefined) ?? [];
  list['note'] = [...notes, { text: 'Information not available' }];
}
