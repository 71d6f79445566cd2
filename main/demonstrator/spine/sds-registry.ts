import type { PracticeRecord } from '../data/practices';
import {
  PRACTICES,
  WORKSTATION_CONSUMER,
  WORKSTATION_SUPPLIER_ODS,
  foundationsRoot,
  htmlRoot,
  structuredRoot,
} from '../data/practices';
import type { RootKind } from '../interactions';
import { INTERACTIONS } from '../interactions';

/**
 * What SDS holds for the demonstrator's world: one MHS (Endpoint) record per practice and interaction, whose
 * address is the provider service root, and one AS (Device) record per system, whose identifier is its ASID. SSP
 * routes with the same registry, so what SDS says and what SSP enforces cannot drift apart.
 */
export interface EndpointEntry {
  readonly id: string;
  readonly odsCode: string;
  readonly partyKey: string;
  readonly cpaId: string;
  readonly interactionId: string;
  readonly address: string;
  readonly rootKind: RootKind;
  readonly practice: PracticeRecord;
}

export interface DeviceEntry {
  readonly id: string;
  readonly odsCode: string;
  readonly asid: string;
  readonly partyKey: string;
  readonly manufacturingOds: string;
  readonly interactionIds: readonly string[];
}

export interface SdsRegistry {
  readonly endpoints: readonly EndpointEntry[];
  readonly devices: readonly DeviceEntry[];
  /** The service roots providers answer on, longest first (a Structured root extends the Foundations one). */
  readonly roots: readonly { readonly root: string; readonly kind: RootKind; readonly practice: PracticeRecord }[];
}

export function buildSdsRegistry(base: string): SdsRegistry {
  const endpoints: EndpointEntry[] = [];
  const devices: DeviceEntry[] = [];
  const roots: { root: string; kind: RootKind; practice: PracticeRecord }[] = [];
  for (const practice of PRACTICES) {
    const rootOf = (kind: RootKind) =>
      kind === 'structured'
        ? structuredRoot(base, practice)
        : kind === 'html'
          ? htmlRoot(base, practice)
          : foundationsRoot(base, practice);
    for (const kind of ['structured', 'foundations', 'html'] as const)
      roots.push({ root: rootOf(kind), kind, practice });
    INTERACTIONS.forEach((interaction, index) => {
      endpoints.push({
        id: `${practice.odsCode}-EP-${String(index + 1).padStart(2, '0')}`,
        odsCode: practice.odsCode,
        partyKey: practice.partyKey,
        cpaId: practice.cpaId,
        interactionId: interaction.id,
        address: rootOf(interaction.root),
        rootKind: interaction.root,
        practice,
      });
    });
    devices.push({
      id: `${practice.odsCode}-AS`,
      odsCode: practice.odsCode,
      asid: practice.asid,
      partyKey: practice.partyKey,
      manufacturingOds: practice.odsCode,
      interactionIds: INTERACTIONS.map((i) => i.id),
    });
  }
  // The workstation's own accredited system, found by the "own ASID" query (SPEC §10.2).
  devices.push({
    id: `${WORKSTATION_CONSUMER.odsCode}-AS`,
    odsCode: WORKSTATION_CONSUMER.odsCode,
    asid: WORKSTATION_CONSUMER.asid,
    partyKey: `${WORKSTATION_CONSUMER.odsCode}-900301`,
    manufacturingOds: WORKSTATION_SUPPLIER_ODS,
    interactionIds: INTERACTIONS.map((i) => i.id),
  });
  roots.sort((a, b) => b.root.length - a.root.length);
  return { endpoints, devices, roots };
}

/** The provider practice a receiver ASID belongs to, if SDS knows it for that interaction. */
export function receiverFor(registry: SdsRegistry, asid: string, interactionId: string): EndpointEntry | undefined {
  const device = registry.devices.find((d) => d.asid === asid && d.interactionIds.includes(interactionId));
  if (!device) return undefined;
  return registry.endpoints.find((e) => e.partyKey === device.partyKey && e.interactionId === interactionId);
}
