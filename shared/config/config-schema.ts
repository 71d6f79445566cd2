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

export const demoConfigSchema = z
  .object({
    mode: z.literal('demo'),
    consumer: consumer.partial().optional(),
    spine: spine.partial().optional(),
    tls: z.record(z.string(), z.unknown()).optional(),
    identity: identity.partial().optional(),
    gpconnect: gpconnect.optional(),
  })
  .strict();

export const liveConfigSchema = z
  .object({ mode: z.literal('live'), consumer, spine, tls, identity, gpconnect: gpconnect.optional() })
  .strict();

export const workstationConfigSchema = z.discriminatedUnion('mode', [demoConfigSchema, liveConfigSchema], {
  error: 'mode must be "demo" or "live"',
});

export type LiveConfig = z.infer<typeof liveConfigSchema>;
export type DemoConfig = z.infer<typeof demoConfigSchema>;
export type WorkstationConfig = z.infer<typeof workstationConfigSchema>;
