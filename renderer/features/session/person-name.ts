import type { ClinicianIdentity } from '../../../shared/session/clinician';

/** "Dr Claire Jones": how a colleague would read the name on a screen. */
export function personName(name: ClinicianIdentity['name']): string {
  return [name.prefix, ...name.given, name.family].filter((part) => part && part.length > 0).join(' ');
}
