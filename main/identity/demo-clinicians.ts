import type { RoleProfile } from '../../shared/ipc/features/session.contract';
import type { ClinicianIdentity } from '../../shared/session/clinician';

/**
 * Synthetic clinicians for demo mode: no card needed. Different jobs, so the role profile in the JWT and the header
 * visibly changes; the nurse has two role profiles, so demo mode shows the role choice too.
 */
export interface DemoClinicianDef {
  readonly id: string;
  readonly label: string;
  readonly sdsUserId: string;
  readonly name: ClinicianIdentity['name'];
  readonly roles: readonly RoleProfile[];
}

const PRACTICE = { odsCode: 'Y90001', name: 'Workstation Demo Trust (synthetic)' } as const;
const HUB = { odsCode: 'Y90002', name: 'Demo Extended Access Hub (synthetic)' } as const;

export const DEMO_CLINICIANS: readonly DemoClinicianDef[] = [
  {
    id: 'gp',
    label: 'Dr Claire Jones, GP',
    sdsUserId: '555021935107',
    name: { family: 'Jones', given: ['Claire'], prefix: 'Dr' },
    roles: [{ roleProfileId: '555021936108', roleName: 'General Medical Practitioner', organisation: PRACTICE }],
  },
  {
    id: 'nurse',
    label: 'Sam Okoro, practice nurse',
    sdsUserId: '555021935208',
    name: { family: 'Okoro', given: ['Sam'] },
    roles: [
      { roleProfileId: '555021936209', roleName: 'Nurse Practitioner', organisation: PRACTICE },
      { roleProfileId: '555021936210', roleName: 'Staff Nurse', organisation: HUB },
    ],
  },
  {
    id: 'receptionist',
    label: 'Priya Shah, receptionist',
    sdsUserId: '555021935309',
    name: { family: 'Shah', given: ['Priya'] },
    roles: [{ roleProfileId: '555021936310', roleName: 'Receptionist', organisation: PRACTICE }],
  },
];

export function demoClinician(id: string): DemoClinicianDef | undefined {
  return DEMO_CLINICIANS.find((c) => c.id === id);
}
