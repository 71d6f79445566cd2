import { z } from 'zod';

/**
 * The workstation configuration file: a public contract (IT scripts, tests and the demonstrator's `config.json` rely
 * on these keys). Layered defaults < machine policy < user settings, then validated as a whole by this schema.
 */
const ods = z.string().regex(/^[A-Z0-9]{3,10}$/, 'must be an ODS code (capital letters and digits)');
const asid = z.string().regex(/^[0-9]{12}$/, 'must be a 12-digit ASID');
const httpsUrl = z
  .string()
  .url('must be a URL')
  .refine((u) => u.startsWith('https://'), 'must be an https:// URL');
const nonEmpty = z.string().trim().min(1, 'must not be empty');

const consumer = z
  .object({
    asid,
    odsCode: ods,
    organisationName: nonEmpty,
    /** Our Spine endpoint URL: the JWT `iss`. */
    endpointUrl: httpsUrl,
    deviceId: nonEmpty,
    /** The booking organisation's telephone, required in every appointment booked (SPEC §5.2). */
    telephone: nonEmpty.optional(),
    /** Our organisation type for slot `searchFilter` and the booking organisation (SPEC §5.1). */
    organisationType: z.enum(['gp-practice', 'urgent-care']).optional(),
  })
  .strict();

const spine = z
  .object({
    sspBaseUrl: httpsUrl,
    pdsBaseUrl: httpsUrl,
    sdsBaseUrl: httpsUrl,
    sdsApiKey: nonEmpty,
  })
  .strict();

/**
 * The endpoint certificate taken from the Windows certificate store instead of files (IT deploys it there with
 * Intune/GPO). Selected by thumbprint (exact) or subject (the FQDN on the certificate).
 */
const windowsCertStore = z
  .object({
    location: z.enum(['LocalMachine', 'CurrentUser'], { error: 'must be "LocalMachine" or "CurrentUser"' }),
    thumbprint: z
      .string()
      .regex(/^[0-9A-Fa-f]{40}$/, 'must be the certificate SHA-1 thumbprint: 40 hexadecimal digits')
      .optional(),
    subject: nonEmpty.optional(),
  })
  .strict()
  .refine((v) => v.thumbprint !== undefined || v.subject !== undefined, 'needs a thumbprint or a subject');

const tlsFields = z
  .object({
    clientCertificate: nonEmpty.optional(),
    clientKey: nonEmpty.optional(),
    pkcs12: nonEmpty.optional(),
    pkcs12Passphrase: z.string().optional(),
    windowsCertStore: windowsCertStore.optional(),
    trustedCa: z.array(nonEmpty).min(1, 'must list at least one CA certificate (the Spine root and sub CA)'),
  })
  .strict();

const tls = tlsFields.superRefine((value, ctx) => {
  const pem = value.clientCertificate !== undefined || value.clientKey !== undefined;
  const sources = [pem, value.pkcs12 !== undefined, value.windowsCertStore !== undefined].filter(Boolean).length;
  if (sources > 1) {
    ctx.addIssue({
      code: 'custom',
      message: 'give one endpoint certificate: clientCertificate + clientKey, pkcs12 or windowsCertStore',
    });
  } else if (pem && (value.clientCertificate === undefined || value.clientKey === undefined)) {
    ctx.addIssue({
      code: 'custom',
      path: [value.clientCertificate === undefined ? 'clientCertificate' : 'clientKey'],
      message: 'clientCertificate and clientKey go together',
    });
  } else if (sources === 0) {
    ctx.addIssue({
      code: 'custom',
      message: 'needs the endpoint certificate: clientCertificate + clientKey, pkcs12 or windowsCertStore',
    });
  }
});

const identity = z
  .object({
    sdsUserId: nonEmpty,
    roleProfileId: nonEmpty,
    familyName: nonEmpty,
    givenName: nonEmpty,
    prefix: z.string().optional(),
    /** The smartcard middleware's PKCS#11 library (e.g. the NHS Identity Agent's), as installed by IT. */
    pkcs11Module: nonEmpty.optional(),
  })
  .strict();

/** GP Connect wire options. JSON is the default every provider must serve; XML only for the practices listed. */
const gpconnect = z
  .object({
    /** ODS codes of practices to talk STU3 FHIR XML to (Accept, request bodies); all others get JSON. */
    xmlPractices: z.array(ods).optional(),
  })
  .strict();

/** Minutes without input before the session locks (a Spine/RBAC expectation for shared clinical desktops). */
export const DEFAULT_INACTIVITY_MINUTES = 10;

const roleProfile = z
  .object({
    roleProfileId: nonEmpty,
    roleName: nonEmpty,
    organisation: z.object({ odsCode: ods, name: nonEmpty }).strict(),
  })
  .strict();

/**
 * The clinician's session: smartcard middleware (machine policy), the CAs a card must chain to, inactivity lock,
 * and each user's role profiles by SDS user ID (until an identity service supplies them).
 */
const session = z
  .object({
    smartcard: z
      .object({
        /** The card reader's PKCS#11 library (a path). */
        module: nonEmpty,
        /** PEM files of the CAs a card certificate must chain to. */
        trustedCa: z.array(nonEmpty).min(1, 'must list at least one CA certificate'),
        /** How often the reader is polled for insertion and removal. */
        pollMs: z.number().int().min(200).max(10_000).optional(),
      })
      .strict(),
    inactivityMinutes: z
      .number({ error: 'must be a number of minutes' })
      .int('must be a whole number of minutes')
      .min(1, 'must be at least 1 minute')
      .max(60, 'must be at most 60 minutes'),
    roleProfiles: z.record(z.string().regex(/^\d{6,20}$/, 'must be an SDS user ID'), z.array(roleProfile).min(1)),
  })
  .partial()
  .strict();

/** The interaction explorer (raw requests and responses). Default: on in demo mode, off in live; IT may force it. */
const explorer = z
  .object({ enabled: z.boolean({ error: 'must be true or false' }) })
  .partial()
  .strict();

/** The audit trail: where it is written (an absolute folder), when a file rotates, who may read it (local admins). */
const audit = z
  .object({
    /** Default: `audit/` next to the user's settings (live), a temporary folder (demo). */
    directory: nonEmpty.refine(
      (p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'),
      'must be an absolute folder path',
    ),
    /** Rotate to a new file past this size; the hash chain carries across files. */
    maxFileBytes: z.number().int().min(4096, 'must be at least 4096 bytes'),
    admins: z
      .object({ sdsUserIds: z.array(nonEmpty).optional(), roleProfileIds: z.array(nonEmpty).optional() })
      .strict(),
  })
  .partial()
  .strict();
/** Practices offered first when booking: ODS codes (the only ones offered when set by policy). */
const appointments = z
  .object({ favourites: z.array(ods) })
  .partial()
  .strict();

/** Automatic updates: off unless enabled (managed desktops are updated by IT's own tooling). */
const updates = z
  .object({ enabled: z.boolean({ error: 'must be true or false' }) })
  .partial()
  .strict();

/** Settings that hold in either mode. */
const common = {
  gpconnect: gpconnect.optional(),
  session: session.optional(),
  explorer: explorer.optional(),
  audit: audit.optional(),
  appointments: appointments.optional(),
  updates: updates.optional(),
};

export const demoConfigSchema = z
  .object({
    mode: z.literal('demo'),
    consumer: consumer.partial().optional(),
    spine: spine.partial().optional(),
    tls: z.record(z.string(), z.unknown()).optional(),
    identity: identity.partial().optional(),
    ...common,
  })
  .strict();

export const liveConfigSchema = z
  .object({ mode: z.literal('live'), consumer, spine, tls, identity, ...common })
  .strict();

/**
 * A machine policy file (or any one layer): every key optional, each value checked as in the full configuration;
 * unknown keys are refused. Whether the layers add up to a usable configuration is checked after merging.
 */
export const configLayerSchema = z
  .object({
    mode: z.enum(['demo', 'live'], { error: 'mode must be "demo" or "live"' }),
    consumer: consumer.partial(),
    spine: spine.partial(),
    tls: tlsFields.partial(),
    identity: identity.partial(),
    gpconnect,
    session,
    explorer,
    audit,
    appointments,
    updates,
  })
  .partial()
  .strict();

export const workstationConfigSchema = z.discriminatedUnion('mode', [demoConfigSchema, liveConfigSchema], {
  error: 'mode must be "demo" or "live"',
});

export type LiveConfig = z.infer<typeof liveConfigSchema>;
export type DemoConfig = z.infer<typeof demoConfigSchema>;
export type SessionConfig = z.infer<typeof session>;
export type WorkstationConfig = z.infer<typeof workstationConfigSchema>;
export type ConfigLayer = z.infer<typeof configLayerSchema>;
