import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Demonstrator } from './demonstrator';
import { WORKSTATION_CONSUMER } from './data/practices';

/**
 * What `npm run demonstrator -- --out DIR` hands a consumer: the run's CA, a client certificate and key, and an app
 * configuration (the public keys of the Spine connectivity issue) that points every Spine base URL at this run.
 */
export const DEMO_CONSUMER_ENDPOINT_URL = 'https://gpc-workstation.demonstrator.invalid';

export const DEMO_IDENTITY = {
  sdsUserId: '555021935107',
  roleProfileId: '555021936108',
  familyName: 'Jones',
  givenName: 'Claire',
  prefix: 'Dr',
} as const;

export interface DemonstratorAppConfig {
  /** `live`: the app makes real Spine calls, which here reach the demonstrator over mutual TLS. */
  readonly mode: 'live';
  readonly consumer: {
    readonly asid: string;
    readonly odsCode: string;
    readonly organisationName: string;
    readonly endpointUrl: string;
    readonly deviceId: string;
    readonly telephone: string;
    readonly organisationType: 'urgent-care';
  };
  readonly spine: {
    readonly sspBaseUrl: string;
    readonly pdsBaseUrl: string;
    readonly sdsBaseUrl: string;
    readonly sdsApiKey: string;
  };
  readonly tls: {
    readonly clientCertificate: string;
    readonly clientKey: string;
    readonly trustedCa: readonly string[];
  };
  readonly identity: typeof DEMO_IDENTITY;
}

export interface WrittenFiles {
  readonly ca: string;
  readonly clientCertificate: string;
  readonly clientKey: string;
  readonly config: string;
}

export function demonstratorAppConfig(demo: Demonstrator, files: Omit<WrittenFiles, 'config'>): DemonstratorAppConfig {
  return {
    mode: 'live',
    consumer: {
      asid: WORKSTATION_CONSUMER.asid,
      odsCode: WORKSTATION_CONSUMER.odsCode,
      organisationName: WORKSTATION_CONSUMER.name,
      endpointUrl: DEMO_CONSUMER_ENDPOINT_URL,
      deviceId: 'GPCW-DEMO-0001',
      telephone: '01632 960999',
      organisationType: 'urgent-care',
    },
    spine: {
      sspBaseUrl: demo.sspBaseUrl,
      pdsBaseUrl: demo.pdsBaseUrl,
      sdsBaseUrl: demo.sdsBaseUrl,
      sdsApiKey: demo.sdsApiKey,
    },
    tls: { clientCertificate: files.clientCertificate, clientKey: files.clientKey, trustedCa: [files.ca] },
    identity: DEMO_IDENTITY,
  };
}

export async function writeDemonstratorFiles(demo: Demonstrator, outDir: string): Promise<WrittenFiles> {
  const dir = path.resolve(outDir);
  await mkdir(dir, { recursive: true });
  const files = {
    ca: path.join(dir, 'ca.pem'),
    clientCertificate: path.join(dir, 'client-cert.pem'),
    clientKey: path.join(dir, 'client-key.pem'),
    config: path.join(dir, 'config.json'),
  };
  await writeFile(files.ca, demo.pki.ca.certificate);
  await writeFile(files.clientCertificate, demo.pki.client.certificate);
  // A throwaway key, but still a private key: owner-only, like any key the app is given.
  await writeFile(files.clientKey, demo.pki.client.privateKey, { mode: 0o600 });
  await chmod(files.clientKey, 0o600);
  // The app's audit trail for this run stays in this folder with the rest (synthetic patients; tests stay in tmp).
  const config = {
    ...demonstratorAppConfig(demo, files),
    audit: { directory: path.join(path.dirname(files.config), 'audit') },
  };
  await writeFile(files.config, `${JSON.stringify(config, null, 2)}\n`);
  return files;
}
