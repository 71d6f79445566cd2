import { mkdtempSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AuditRecord } from '../../shared/audit/audit-record';
import type { LiveConfig } from '../../shared/config/config-schema';
import type { Result } from '../../shared/ipc/errors';
import type { ExplorerSendResult } from '../../shared/ipc/features/explorer.contract';
import { openAuditService } from '../audit/audit-service';
import type { AuditService } from '../audit/audit-service';
import { interactionEvent } from '../audit/exchange-audit';
import { auditUserOf, configuredClinician } from '../audit/audit-user';
import { loadTlsCredentials } from '../certs/credentials';
import { ConfigError } from '../config/config-error';
import { loadWorkstationConfig } from '../config/load-config';
import { writeDemonstratorFiles } from '../demonstrator/config-files';
import type { Demonstrator } from '../demonstrator/demonstrator';
import { startDemonstrator } from '../demonstrator/demonstrator';
import { ExchangeLog } from '../explorer/exchange-log';
import type { Dispatch } from '../ipc/dispatcher';
import { createDispatcher } from '../ipc/dispatcher';
import { createHandlers } from '../ipc/handlers';
import { SessionService } from '../identity/session-service';
import { createLiveServices } from '../live-services';
import { localToday } from '../services';
import type { TlsCredentials } from '../spine/tls-agent';
import type { CheckContext, CheckResult } from './checks';
import { CHECKS } from './checks';
import { writeScenarioEvidence, writeSummary } from './evidence-pack';
import type { AssureArea, AssureScenario, AssureStep } from './scenarios';
import { SCENARIOS } from './scenarios';
import type { ScreenshotCamera, ScreenshotSetup } from './screenshots';
import { screenshotBlocker, screenshotCamera } from './screenshots';

export interface AssureOptions {
  readonly outDir: string;
  /** A configured test environment (live-mode configuration); without it, the built-in demonstrator. */
  readonly configFile?: string;
  /** Where screenshots come from; undefined: none (`--no-screenshots`). */
  readonly screenshots?: ScreenshotSetup;
  readonly product: { readonly name: string; readonly version: string };
  /** Only these scenario ids (default: all). */
  readonly only?: readonly string[];
  readonly progress?: (line: string) => void;
}

/** The contract of `summary.json`: one entry per scenario, exactly these keys. */
export interface ScenarioVerdict {
  readonly id: string;
  readonly area: AssureArea;
  readonly pass: boolean;
  readonly reason: string;
}

export interface StepOutcome {
  readonly step: string;
  readonly pass: boolean;
  readonly detail: string;
}

export interface ScenarioRun extends ScenarioVerdict {
  readonly title: string;
  readonly spec: string;
  readonly durationMs: number;
  readonly steps: readonly StepOutcome[];
  readonly checks: readonly (CheckResult & { readonly name: string })[];
  readonly exchanges: number;
  readonly auditRecords: number;
  /** The screenshot file name in the scenario folder, or why there is none. */
  readonly screenshot?: { readonly file: string } | { readonly skipped: string };
}

export interface AssureReport {
  readonly target: string;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly runs: readonly ScenarioRun[];
}

interface Environment {
  readonly config: LiveConfig;
  readonly credentials: TlsCredentials;
  readonly demo?: Demonstrator;
  readonly audit: AuditService;
  readonly target: string;
  close(): Promise<void>;
}

async function openEnvironment(options: AssureOptions, auditDir: string): Promise<Environment> {
  let demo: Demonstrator | undefined;
  let configFile = options.configFile;
  // The demonstrator's throwaway key and certificates: removed when the run ends.
  let demoDir: string | undefined;
  if (!configFile) {
    demo = await startDemonstrator({ port: 0 });
    demoDir = mkdtempSync(path.join(tmpdir(), 'gpc-assure-'));
    configFile = (await writeDemonstratorFiles(demo, demoDir)).config;
  }
  const removeDemo = async () => {
    await demo?.close();
    if (demoDir) await rm(demoDir, { recursive: true, force: true });
  };
  try {
    const config = loadWorkstationConfig({ file: configFile });
    if (config.mode !== 'live') {
      throw new ConfigError(`${configFile}: mode must be "live" (a test environment) for gpc assure`);
    }
    const credentials = await loadTlsCredentials(config.tls);
    const user = auditUserOf(configuredClinician(config));
    const audit = await openAuditService({ directory: auditDir, currentUser: () => user, log: () => undefined });
    return {
      config,
      credentials,
      ...(demo ? { demo } : {}),
      audit,
      target: demo ? `built-in demonstrator (${demo.baseUrl})` : `configured environment (${config.spine.sspBaseUrl})`,
      close: async () => {
        await audit.close();
        await removeDemo();
      },
    };
  } catch (err) {
    await removeDemo();
    throw err;
  }
}

function addDays(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return localToday(d);
}

/** `{today+N}` in any string of an input. */
function withDates<T>(value: T): T {
  return JSON.parse(
    JSON.stringify(value).replace(/\{today(?:\+(\d+))?\}/g, (_m, n: string | undefined) => addDays(Number(n ?? 0))),
  ) as T;
}

function describeStep(step: AssureStep): string {
  return 'channel' in step
    ? `${step.channel} ${JSON.stringify(step.input)}`
    : `explorer.send ${step.send} ${step.path}`;
}

async function runStep(dispatch: Dispatch, step: AssureStep, log: ExchangeLog): Promise<StepOutcome> {
  const s = withDates(step);
  const name = describeStep(s);
  if ('channel' in s) {
    const result = await dispatch(s.channel, s.input, { host: 'cli' });
    const expect = s.expect;
    if ('ok' in expect) {
      return result.ok
        ? { step: name, pass: true, detail: 'answered' }
        : {
            step: name,
            pass: false,
            detail: `expected an answer, got ${result.error.code} ${result.error.spine?.code ?? ''}`,
          };
    }
    if (result.ok) return { step: name, pass: false, detail: `expected ${expect.error}, got an answer` };
    const got = `${result.error.code}${result.error.spine ? ` ${result.error.spine.code}` : ''}`;
    const pass =
      result.error.code === expect.error && (expect.spine === undefined || result.error.spine?.code === expect.spine);
    return {
      step: name,
      pass,
      detail: `${pass ? '' : `expected ${expect.error} ${expect.spine ?? ''}, `}got ${got}: ${result.error.message}`,
    };
  }
  const result = (await dispatch(
    'explorer.send',
    {
      interaction: s.send,
      odsCode: s.odsCode ?? 'A20047',
      path: s.path,
      ...(s.body === undefined ? {} : { body: JSON.stringify(s.body) }),
    },
    { host: 'cli' },
  )) as Result<ExplorerSendResult>;
  if (!result.ok) return { step: name, pass: false, detail: `refused: ${result.error.code} ${result.error.message}` };
  const { status, errorCode, exchangeIds } = result.value;
  const last = log.get(exchangeIds.at(-1) ?? '');
  let resourceType: string | undefined;
  try {
    resourceType = (JSON.parse(last?.responseBody ?? '{}') as { resourceType?: string }).resourceType;
  } catch {
    resourceType = undefined;
  }
  const problems = [
    status !== s.expect.status ? `status ${status ?? 'none'}, expected ${s.expect.status}` : '',
    s.expect.resourceType && resourceType !== s.expect.resourceType
      ? `answered ${resourceType ?? 'no resource'}, expected ${s.expect.resourceType}`
      : '',
    s.expect.errorCode && errorCode !== s.expect.errorCode
      ? `error ${errorCode ?? 'none'}, expected ${s.expect.errorCode}`
      : '',
  ].filter((p) => p !== '');
  return {
    step: name,
    pass: problems.length === 0,
    detail: problems.length > 0 ? problems.join('; ') : `${status} ${resourceType ?? errorCode ?? ''}`.trim(),
  };
}

async function auditSince(audit: AuditService, seq: number): Promise<AuditRecord[]> {
  const { records } = await audit.query({ limit: 100_000 });
  return records.filter((r) => r.seq > seq).reverse();
}

/**
 * Runs one scenario on fresh services (new TLS agent, session log, trace register) over the shared environment, so
 * scenarios cannot lean on each other's state, connections or SDS cache.
 */
function crashed(
  env: Environment,
  scenario: AssureScenario,
  err: unknown,
): { run: ScenarioRun; log: ExchangeLog; audit: AuditRecord[] } {
  const reason = `could not run: ${err instanceof Error ? err.message : String(err)}`;
  return {
    run: {
      id: scenario.id,
      area: scenario.area,
      pass: false,
      reason,
      title: scenario.title,
      spec: scenario.spec,
      durationMs: 0,
      steps: [],
      checks: [],
      exchanges: 0,
      auditRecords: 0,
    },
    log: new ExchangeLog({ pdsBaseUrl: env.config.spine.pdsBaseUrl, sdsBaseUrl: env.config.spine.sdsBaseUrl }),
    audit: [],
  };
}

async function runScenario(
  env: Environment,
  scenario: AssureScenario,
  options: AssureOptions,
  camera: ScreenshotCamera | { readonly skipped: string },
): Promise<{ run: ScenarioRun; log: ExchangeLog; audit: AuditRecord[] }> {
  const started = performance.now();
  const log = new ExchangeLog({ pdsBaseUrl: env.config.spine.pdsBaseUrl, sdsBaseUrl: env.config.spine.sdsBaseUrl });
  const auditMark = (await env.audit.verify()).records;
  const verdict = (pass: boolean, reason: string) => ({ id: scenario.id, area: scenario.area, pass, reason });
  const base = { title: scenario.title, spec: scenario.spec };
  if (scenario.fault && !env.demo) {
    const run = { ...verdict(false, 'not run: needs the built-in demonstrator to inject the fault'), ...base };
    return { run: { ...run, durationMs: 0, steps: [], checks: [], exchanges: 0, auditRecords: 0 }, log, audit: [] };
  }
  const live = await createLiveServices(env.config, {
    product: options.product,
    today: () => localToday(),
    credentials: env.credentials,
    onWire: log.record,
    onExchange: (exchange) => {
      // Written in order by the trail; awaited (flushed) by verify() before the scenario's records are read.
      env.audit.record(interactionEvent(exchange)).catch(() => undefined);
    },
  });
  // The run acts as the configured user, signed in (as the app does with `actAsConfiguredUser`), so the screens
  // photographed pass the session gate as a clinician's would.
  const session = new SessionService({ demo: false });
  session.signInConfigured({
    ...configuredClinician(env.config),
    roleName: 'Role profile set in the workstation configuration',
  });
  const dispatch = createDispatcher(
    createHandlers({
      session,
      appName: options.product.name,
      version: options.product.version,
      // The demonstrator is demo data: the screens say so (the demo badge) in the screenshots.
      mode: env.demo ? 'demo' : 'live',
      live,
      audit: env.audit,
      explorer: { enabled: true, log },
    }),
    { error: (message) => options.progress?.(`  internal error: ${message}`) },
  );
  if (scenario.fault)
    env.demo?.scenarios.activate({
      name: scenario.fault.name,
      ...(scenario.fault.odsCode ? { odsCode: scenario.fault.odsCode } : {}),
    });
  const steps: StepOutcome[] = [];
  const checks: (CheckResult & { name: string })[] = [];
  let screenshot: ScenarioRun['screenshot'];
  try {
    for (const step of scenario.steps) steps.push(await runStep(dispatch, step, log));
    const ctx: CheckContext = {
      config: env.config,
      exchanges: log.list(),
      audit: await (async () => {
        await env.audit.verify();
        return auditSince(env.audit, auditMark);
      })(),
      verifyAuditChain: async () => (await env.audit.verify()).breaks,
    };
    for (const name of scenario.checks) {
      try {
        checks.push({ name, ...(await CHECKS[name](ctx)) });
      } catch (err) {
        checks.push({
          name,
          pass: false,
          reason: `the check failed to run: ${err instanceof Error ? err.message : String(err)}`,
        });
      }
    }
    if (scenario.screenshot) {
      if ('skipped' in camera) screenshot = { skipped: camera.skipped };
      else {
        const dir = path.join(options.outDir, scenario.id);
        await mkdir(dir, { recursive: true });
        try {
          await camera.take(dispatch, scenario.screenshot, path.join(dir, 'screenshot.png'));
          screenshot = { file: 'screenshot.png' };
        } catch (err) {
          screenshot = {
            skipped: `the screenshot failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`,
          };
        }
      }
    }
  } finally {
    if (scenario.fault) env.demo?.scenarios.deactivate(scenario.fault.name);
    await live.close();
  }
  await env.audit.verify();
  const audit = await auditSince(env.audit, auditMark);
  const failedStep = steps.find((s) => !s.pass);
  const failedCheck = checks.find((c) => !c.pass);
  const reason = failedStep
    ? `step failed: ${failedStep.step}: ${failedStep.detail}`
    : failedCheck
      ? `${failedCheck.name}: ${failedCheck.reason}`
      : [`${steps.length} steps as expected`, ...checks.map((c) => `${c.name}: ${c.reason}`)].join('; ');
  return {
    run: {
      ...verdict(!failedStep && !failedCheck, reason),
      ...base,
      durationMs: Math.round(performance.now() - started),
      steps,
      checks,
      exchanges: log.list().length,
      auditRecords: audit.length,
      ...(screenshot ? { screenshot } : {}),
    },
    log,
    audit,
  };
}

/**
 * `gpc assure`: runs the consumer assurance scenarios against the demonstrator (or a configured test environment)
 * through the handler table, and writes the evidence pack into `outDir`: one folder per scenario (redacted
 * request/response pairs, the audit records it produced, a screenshot for display scenarios, its result) and
 * `summary.json` + `summary.html`.
 */
export async function runAssure(options: AssureOptions): Promise<AssureReport> {
  const startedAt = new Date();
  const started = performance.now();
  await mkdir(options.outDir, { recursive: true });
  // The trail is this run's own: the pack carries copies of each scenario's records, with NHS numbers masked.
  const auditDir = mkdtempSync(path.join(tmpdir(), 'gpc-assure-audit-'));
  const env = await openEnvironment(options, auditDir);
  const blocked = options.screenshots
    ? screenshotBlocker(options.screenshots)
    : 'screenshots switched off (--no-screenshots)';
  const camera = options.screenshots && !blocked ? screenshotCamera(options.screenshots) : { skipped: blocked ?? '' };
  const scenarios = options.only ? SCENARIOS.filter((s) => options.only?.includes(s.id)) : SCENARIOS;
  const runs: ScenarioRun[] = [];
  try {
    for (const scenario of scenarios) {
      const { run, log, audit } = await runScenario(env, scenario, options, camera).catch((err: unknown) =>
        // A scenario that cannot run is a failed scenario with its reason; the rest still run and the pack is written.
        crashed(env, scenario, err),
      );
      await writeScenarioEvidence(path.join(options.outDir, scenario.id), run, log.list(), audit);
      options.progress?.(`${run.pass ? 'PASS' : 'FAIL'}  ${run.id}  ${run.pass ? run.title : run.reason}`);
      runs.push(run);
    }
  } finally {
    if (!('skipped' in camera)) await camera.close();
    await env.close();
    await rm(auditDir, { recursive: true, force: true });
  }
  const report = {
    target: env.target,
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - started),
    runs,
  };
  await writeSummary(options.outDir, report);
  return report;
}
