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

const tls = z
  .object({
    clientCertificate: nonEmpty.optional(),
    clientKey: nonEmpty.optional(),
    pkcs12: nonEmpty.optional(),
    pkcs12Passphrase: z.string().optional(),
    trustedCa: z.array(nonEmpty).min(1, 'must list at least one CA certificate (the Spine root and sub CA)'),
  })
  .strict()
  .superRefine((value, ctx) => {
    const pem = value.clientCertificate !== undefined || value.clientKey !== undefined;
    if (pem && value.pkcs12 !== undefined) {
      ctx.addIssue({ code: 'custom', message: 'give either clientCertificate + clientKey or pkcs12, not both' });
    } else if (pem && (value.clientCertificate === undefined || value.clientKey === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [value.clientCertificate === undefined ? 'clientCertificate' : 'clientKey'],
        message: 'clientCertificate and clientKey go together',
      });
    } else if (!pem && value.pkcs12 === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: 'needs the endpoint certificate: clientCertificate + clientKey, or pkcs12',
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
  })
  .strict();

/** GP Connect wire options. JSON is the default every provider must serve; XML only for the practices listed. */
const gpconnect = z
  .object({
    /** ODS codes of practices to talk STU3 FHIR XML to (Accept, request bodies); all others get JSON. */
    xmlPractices: z.array(ods).optional(),
  })
  .strict();

/** The interaction explorer (developer/IT panel). Default: on in demo mode, off in live mode. */
const explorer = z.object({ enabled: z.boolean().optional() }).strict();

/** The audit trail: where it is written, when a file rotates, and who may read it (local admins). */
const audit = z
  .object({
    /** Default: `audit/` next to the user's settings (live), a temporary folder (demo). */
    directory: nonEmpty.optional(),
    /** Rotate to a new file past this size; the hash chain carries across files. */
    maxFileBytes: z.number().int().min(4096, 'must be at least 4096 bytes').optional(),
    admins: z
      .object({ sdsUserIds: z.array(nonEmpty).optional(), roleProfileIds: z.array(nonEmpty).optional() })
      .strict()
      .optional(),
  })
  .strict();

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
      .strict()
      .optional(),
    inactivityMinutes: z.number().min(1).max(240).optional(),
    roleProfiles: z
      .record(z.string().regex(/^\d{6,20}$/, 'must be an SDS user ID'), z.array(roleProfile).min(1))
      .optional(),
  })
  .strict();

export const demoConfigSchema = z
  .object({
    mode: z.literal('demo'),
    consumer: consumer.partial().optional(),
    spine: spine.partial().optional(),
    tls: z.record(z.string(), z.unknown()).optional(),
    identity: identity.partial().optional(),
    gpconnect: gpconnect.optional(),
    explorer: explorer.optional(),
    audit: audit.optional(),
    session: session.optional(),
  })
  .strict();

export const liveConfigSchema = z
  .object({
    mode: z.literal('live'),
    consumer,
    spine,
    tls,
    identity,
    gpconnect: gpconnect.optional(),
    explorer: explorer.optional(),
    audit: audit.optional(),
    session: session.optional(),
  })
  .strict();

export const workstationConfigSchema = z.discriminatedUnion('mode', [demoConfigSchema, liveConfigSchema], {
  error: 'mode must be "demo" or "live"',
});

export type LiveConfig = z.infer<typeof liveConfigSchema>;
export type DemoConfig = z.infer<typeof demoConfigSchema>;
export type SessionConfig = z.infer<typeof session>;
export type WorkstationConfig = z.infer<typeof workstationConfigSchema>;
export type AuditConfig = z.infer<typeof audit>;
