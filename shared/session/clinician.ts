/**
 * The signed-in user as GP Connect needs them in every JWT and audit record (SPEC §3.2): SDS user ID, the chosen
 * role profile and its organisation. Produced by a smartcard login, an OIDC login, a demo clinician or (until
 * a user signs in) the configured identity.
 */
export interface ClinicianIdentity {
  readonly sdsUserId: string;
  readonly name: { readonly family: string; readonly given: readonly string[]; readonly prefix?: string };
  readonly roleProfileId: string;
  /** Job role as SDS names it, e.g. "General Medical Practitioner". */
  readonly roleName: string;
  readonly organisation: { readonly odsCode: string; readonly name: string };
  readonly source: 'smartcard' | 'oidc' | 'demo' | 'configured';
}
