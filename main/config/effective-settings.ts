import type { WorkstationConfig } from '../../shared/config/config-schema';
import { DEFAULT_INACTIVITY_MINUTES } from '../../shared/config/config-schema';
import type { AppMode, SettingEntry, SettingValue, SettingsReport } from '../../shared/ipc/features/app.contract';
import type { LockSource } from './load-config';

/**
 * The settings a clinician or IT may want to see, in order, with their built-in defaults. An allow-list on purpose:
 * secrets (`spine.sdsApiKey`, `tls.pkcs12Passphrase`) and the private key's location are never listed, so nothing
 * added to the configuration later reaches the renderer unless it is added here.
 */
interface SettingDef {
  readonly key: string;
  readonly label: string;
  readonly fallback?: SettingValue;
  readonly defaultNote?: string;
}

const DEMO_NOTE = 'Not used in demo mode: the built-in demonstrator is used';

export const SETTING_DEFS: readonly SettingDef[] = [
  { key: 'mode', label: 'Mode', fallback: 'demo' },
  { key: 'spine.sspBaseUrl', label: 'Spine Secure Proxy URL', defaultNote: DEMO_NOTE },
  { key: 'spine.pdsBaseUrl', label: 'PDS URL', defaultNote: DEMO_NOTE },
  { key: 'spine.sdsBaseUrl', label: 'SDS URL', defaultNote: DEMO_NOTE },
  { key: 'consumer.asid', label: 'Consumer ASID', defaultNote: DEMO_NOTE },
  { key: 'consumer.odsCode', label: 'Consumer ODS code', defaultNote: DEMO_NOTE },
  { key: 'consumer.organisationName', label: 'Organisation name' },
  { key: 'consumer.endpointUrl', label: 'Endpoint URL (JWT issuer)' },
  { key: 'consumer.deviceId', label: 'Device ID' },
  { key: 'tls.clientCertificate', label: 'Endpoint certificate file' },
  { key: 'tls.pkcs12', label: 'Endpoint certificate (PKCS#12) file' },
  { key: 'tls.windowsCertStore', label: 'Endpoint certificate from the Windows certificate store' },
  { key: 'tls.trustedCa', label: 'Trusted Spine CA certificates' },
  { key: 'identity.pkcs11Module', label: 'Smartcard PKCS#11 module' },
  { key: 'session.inactivityMinutes', label: 'Lock after inactivity (minutes)', fallback: DEFAULT_INACTIVITY_MINUTES },
  { key: 'explorer.enabled', label: 'Interaction explorer', fallback: false },
  { key: 'audit.directory', label: 'Audit log folder', defaultNote: 'The workstation’s own data folder' },
  { key: 'appointments.favourites', label: 'Favourite practices (ODS codes)', fallback: [] },
  { key: 'gpconnect.xmlPractices', label: 'Practices spoken to in FHIR XML', fallback: [] },
  { key: 'updates.enabled', label: 'Automatic updates', fallback: false },
];

function lookup(config: object, key: string): unknown {
  let value: unknown = config;
  for (const part of key.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** Plain values as they are; the certificate-store selection as one readable line. */
function display(value: unknown): SettingValue | undefined {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  if (typeof value === 'object' && value !== null) {
    const store = value as { location?: string; thumbprint?: string; subject?: string };
    const which = [store.thumbprint && `thumbprint ${store.thumbprint}`, store.subject && `subject ${store.subject}`];
    return `${store.location ?? '?'} store, ${which.filter(Boolean).join(', ')}`;
  }
  return undefined;
}

function lockFor(key: string, locks: ReadonlyMap<string, LockSource>): LockSource | null {
  for (const [locked, by] of locks) if (locked === key || locked.startsWith(`${key}.`)) return by;
  return null;
}

export function effectiveSettings(
  config: WorkstationConfig | { readonly mode: AppMode },
  locks: ReadonlyMap<string, LockSource>,
  policy: { readonly file: string | null; readonly present: boolean },
): SettingsReport {
  const entries = SETTING_DEFS.map((def): SettingEntry => {
    const set = display(lookup(config, def.key));
    return {
      key: def.key,
      label: def.label,
      value: set ?? def.fallback ?? null,
      isDefault: set === undefined,
      lockedBy: lockFor(def.key, locks),
      ...(set === undefined && def.defaultNote ? { defaultNote: def.defaultNote } : {}),
    };
  });
  return { policyFile: policy.file, policyPresent: policy.present, entries };
}
