import { newestFirst, readRecordedDate, readRecordedPeriod } from '../recorded-date';
import type { MedicationIssueView, MedicationItem, PrescriptionType } from '../structured-view';
import {
  arr,
  codings,
  concept,
  conceptText,
  extension,
  isNopat,
  isObject,
  num,
  part,
  quantity,
  str,
} from './fhir-values';
import { refOf } from './bundle-index';
import type { ReaderContext } from './reader-context';

/**
 * Medications (SPEC §6.2): each MedicationStatement is one authorisation (its `basedOn` the MedicationRequest with
 * intent `plan`); issues are MedicationRequests with intent `order` based on that plan. Grouped as the clinician
 * reads them: current repeats, current acutes, prescribed elsewhere, discontinued (with the reason), past.
 */
export const MEDICATIONS_LIST = '933361000000108';

const PRESCRIPTION_TYPES: readonly PrescriptionType[] = ['acute', 'repeat', 'repeat-dispensing', 'delayed-prescribing'];

function prescriptionType(plan: fhir.MedicationRequest | undefined): PrescriptionType {
  const code = codings(extension(plan, 'PrescriptionType-1')?.valueCodeableConcept)[0]?.code;
  const found = PRESCRIPTION_TYPES.find((t) => t === code);
  if (found) return found;
  // Suppliers send variants such as "repeat-dispensed" / "delayed-prescribing-...".
  if (code?.startsWith('repeat-disp')) return 'repeat-dispensing';
  if (code?.startsWith('repeat')) return 'repeat';
  if (code?.startsWith('acute')) return 'acute';
  return 'unknown';
}

function quantityText(dispense: fhir.MedicationRequestDispenseRequest | undefined): string | undefined {
  return quantity(dispense?.quantity)?.text;
}

function durationText(dispense: fhir.MedicationRequestDispenseRequest | undefined): string | undefined {
  const d = dispense?.expectedSupplyDuration;
  if (!isObject(d)) return undefined;
  const value = num(d.value) ?? (typeof d.value === 'string' ? Number(d.value) : undefined);
  const unit = str(d.unit) ?? str(d.code);
  if (value === undefined || Number.isNaN(value)) return undefined;
  return `${value}${unit ? ` ${unit}${value === 1 || unit.endsWith('s') ? '' : 's'}` : ''}`;
}

function issueView(order: fhir.MedicationRequest): MedicationIssueView {
  const issued = readRecordedDate(order.authoredOn);
  const period = readRecordedPeriod(order.dispenseRequest?.validityPeriod);
  const q = quantityText(order.dispenseRequest);
  const supply = durationText(order.dispenseRequest);
  const status = str(order.status);
  const repeat = extension(order, 'MedicationRepeatInformation-1');
  const issueNumber = num(part(repeat, 'numberOfRepeatPrescriptionsIssued')?.valueUnsignedInt);
  return {
    id: refOf(order),
    ...(issued ? { issued } : {}),
    ...(period ? { period } : {}),
    ...(q ? { quantity: q } : {}),
    ...(supply ? { supplyDuration: supply } : {}),
    ...(issueNumber !== undefined ? { issueNumber } : {}),
    ...(status ? { status } : {}),
    nopat: isNopat(order),
  };
}

function repeatCount(plan: fhir.MedicationRequest | undefined, name: string): number | undefined {
  const e = part(extension(plan, 'MedicationRepeatInformation-1'), name);
  return num(e?.valueUnsignedInt) ?? num(e?.valuePositiveInt) ?? num(e?.valueInteger);
}

export function readMedication(
  ctx: ReaderContext,
  statement: fhir.MedicationStatement,
  ordersByPlan: ReadonlyMap<string, fhir.MedicationRequest[]>,
): MedicationItem {
  const plan = arr(statement.basedOn)
    .map((b) => ctx.index.resolve<fhir.MedicationRequest>(b))
    .find((r) => r?.resourceType === 'MedicationRequest');
  const planRef = plan ? ctx.index.ref(plan) : undefined;
  const orders = planRef ? (ordersByPlan.get(planRef) ?? []) : [];
  const issues = newestFirst(
    orders.map((o) => issueView(o)),
    (i) => i.issued,
  );
  const agency = codings(extension(statement, 'PrescribingAgency-1')?.valueCodeableConcept)[0];
  const prescribedElsewhere = agency !== undefined && agency.code !== 'prescribed-at-gp-practice';
  const statusReason = extension(plan, 'MedicationStatusReason-1');
  const reason =
    conceptText(part(statusReason, 'statusReason')?.valueCodeableConcept) ??
    str(part(statusReason, 'statusReason')?.valueString);
  const reasonDate = readRecordedDate(part(statusReason, 'statusChangeDate')?.valueDateTime);
  const stopped = statement.status === 'stopped' || plan?.status === 'stopped';
  const dosage = arr(statement.dosage).find(isObject) ?? arr(plan?.dosageInstruction).find(isObject);
  const dosageText = str(dosage?.text);
  const patientInstruction = str(dosage?.patientInstruction);
  const q = quantityText(plan?.dispenseRequest) ?? quantityText(orders[0]?.dispenseRequest);
  const effectiveStart = readRecordedDate(statement.effectiveDateTime);
  const effective =
    readRecordedPeriod(statement.effectivePeriod) ?? (effectiveStart ? { start: effectiveStart } : undefined);
  const lastIssued = readRecordedDate(extension(statement, 'LastIssueDate-1')?.valueDateTime) ?? issues[0]?.issued;
  const repeatsAllowed = repeatCount(plan, 'numberOfRepeatPrescriptionsAllowed');
  const repeatsIssued = repeatCount(plan, 'numberOfRepeatPrescriptionsIssued');
  const reviewDate = readRecordedDate(
    part(extension(plan, 'MedicationRepeatInformation-1'), 'authorisationExpiryDate')?.valueDateTime,
  );
  const medication = ctx.index.resolve<fhir.Medication>(statement.medicationReference ?? plan?.medicationReference);
  const form = conceptText(medication?.form);
  const base = ctx.base(statement, {
    recorded: statement.dateAsserted ?? plan?.authoredOn,
    recordedBy: plan?.recorder ?? statement.informationSource,
    notes: [...arr(statement.note), ...arr(plan?.note)],
  });
  // The statement and its authorisation often carry the same note.
  const uniqueNotes = [...new Set(base.notes)];
  // Problems may link to the plan or an issue rather than the statement.
  const linked = [base.linkedProblems, ...(planRef ? [ctx.linkedProblems(planRef)] : [])].flat();
  const linkedProblems = linked.filter((p, i) => linked.findIndex((q2) => q2.ref === p.ref) === i);
  return {
    ...base,
    notes: uniqueNotes,
    linkedProblems,
    medication: {
      ...concept(
        medication?.code ?? statement.medicationCodeableConcept ?? plan?.medicationCodeableConcept,
        'Medication not named',
      ),
    },
    ...(form ? { form } : {}),
    ...(dosageText ? { dosage: dosageText } : {}),
    ...(patientInstruction ? { patientInstruction } : {}),
    ...(q ? { quantity: q } : {}),
    prescriptionType: prescriptionType(plan ?? orders[0]),
    status: str(statement.status) ?? str(plan?.status) ?? 'unknown',
    ...(effective ? { effective } : {}),
    ...(lastIssued ? { lastIssued } : {}),
    ...(agency ? { prescribingAgency: agency.display ?? agency.code } : {}),
    prescribedElsewhere,
    ...(repeatsAllowed !== undefined ? { repeatsAllowed } : {}),
    ...(repeatsIssued !== undefined ? { repeatsIssued } : {}),
    ...(reviewDate ? { reviewDate } : {}),
    ...(stopped
      ? { discontinued: { ...(reasonDate ? { date: reasonDate } : {}), reason: reason ?? 'No reason recorded' } }
      : {}),
    ...(planRef ? { authorisationId: planRef } : {}),
    issues,
  };
}

export interface MedicationGroups {
  readonly currentRepeats: MedicationItem[];
  readonly currentAcutes: MedicationItem[];
  readonly prescribedElsewhere: MedicationItem[];
  readonly discontinued: MedicationItem[];
  readonly past: MedicationItem[];
}

export function readMedications(ctx: ReaderContext): MedicationGroups {
  const list = ctx.index.list(MEDICATIONS_LIST);
  const ordersByPlan = new Map<string, fhir.MedicationRequest[]>();
  for (const r of ctx.index.ofType<fhir.MedicationRequest>('MedicationRequest')) {
    if (r.intent !== 'order') continue;
    for (const b of arr(r.basedOn)) {
      const plan = ctx.index.canonical(b?.reference);
      if (plan === undefined) continue;
      const orders = ordersByPlan.get(plan) ?? [];
      if (!orders.includes(r)) orders.push(r);
      ordersByPlan.set(plan, orders);
    }
  }
  const statements = ctx.index.ofType<fhir.MedicationStatement>('MedicationStatement');
  const seen = new Set<string>();
  const groups: MedicationGroups = {
    currentRepeats: [],
    currentAcutes: [],
    prescribedElsewhere: [],
    discontinued: [],
    past: [],
  };
  for (const entry of arr(list?.entry)) {
    let statement = ctx.index.resolve<fhir.MedicationStatement>(entry?.item, list);
    // A List may name the authorisation instead of the statement.
    if (statement?.resourceType === 'MedicationRequest') {
      const planRef = ctx.index.ref(statement);
      statement = statements.find((s) => arr(s.basedOn).some((b) => ctx.index.canonical(b?.reference) === planRef));
    }
    if (statement?.resourceType !== 'MedicationStatement') continue;
    const ref = ctx.index.ref(statement);
    if (seen.has(ref)) continue;
    seen.add(ref);
    const item = readMedication(ctx, statement, ordersByPlan);
    if (item.prescribedElsewhere) groups.prescribedElsewhere.push(item);
    else if (item.discontinued) groups.discontinued.push(item);
    else if (item.status === 'active' || item.status === 'intended') {
      if (
        item.prescriptionType === 'acute' ||
        item.prescriptionType === 'delayed-prescribing' ||
        item.prescriptionType === 'unknown'
      ) {
        groups.currentAcutes.push(item);
      } else groups.currentRepeats.push(item);
    } else groups.past.push(item);
  }
  const started = (i: MedicationItem) => i.lastIssued ?? i.effective?.start;
  return {
    currentRepeats: newestFirst(groups.currentRepeats, started),
    currentAcutes: newestFirst(groups.currentAcutes, started),
    prescribedElsewhere: newestFirst(groups.prescribedElsewhere, started),
    discontinued: newestFirst(groups.discontinued, (i) => i.discontinued?.date ?? started(i)),
    past: newestFirst(groups.past, started),
  };
}
