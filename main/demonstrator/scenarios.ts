/**
 * Scenarios and fault injection (issue 4 item 6): conditions a consumer must survive, switched on and off while the
 * demonstrator runs (admin endpoint, `--scenario`). Each has a name, an optional number (milliseconds for
 * slow-practice) and an optional practice it is limited to; without one it applies to every practice.
 */
export const SCENARIOS = {
  'slow-practice': 'the practice answers after N ms (default 3000)',
  timeout: 'the practice never answers (the connection stays open until the client gives up)',
  'http-500': 'the practice answers 500 INTERNAL_SERVER_ERROR',
  'http-502':
    'SSP answers 502 ERROR_COMMUNICATING_TO_ENDPOINT_URL (the practice is unreachable); with N, only the next N calls',
  'drop-after-booking': 'a booking is committed, then the connection is dropped before the answer',
  'lost-booking': 'a booking never reaches the practice (SSP 502): nothing is stored; other calls work',
  'slot-taken': 'another consumer takes the requested slot just before a booking: 409 DUPLICATE_REJECTED',
  'stale-if-match': 'someone else changes the appointment just before an amend or cancel: 409',
  'gp-connect-disabled': 'GP Connect is switched off at the practice: 403 ACCESS DENIED',
  'no-sharing-agreement': 'SSP finds no data sharing agreement with the practice: 403 FOT_CHECK_FAILED',
  'expired-certificate': 'the server presents an expired certificate (TLS handshake fails)',
  'wrong-ca': 'the server presents a certificate from another CA (TLS handshake fails)',
} as const;

export type ScenarioName = keyof typeof SCENARIOS;

export interface ActiveScenario {
  readonly name: ScenarioName;
  readonly odsCode?: string;
  readonly value?: number;
}

export const DEFAULT_SLOW_MS = 3000;
const TLS_SCENARIOS: ReadonlySet<ScenarioName> = new Set(['expired-certificate', 'wrong-ca']);

export function isScenarioName(name: string): name is ScenarioName {
  return Object.hasOwn(SCENARIOS, name);
}

/** `NAME[:NUMBER][@ODS]`, as `--scenario` takes it, e.g. `slow-practice:1500@B82617`. */
export function parseScenario(text: string): ActiveScenario | string {
  const m = /^([a-z0-9-]+)(?::(\d{1,7}))?(?:@([A-Z0-9]{3,10}))?$/.exec(text.trim());
  const name = m?.[1];
  if (!m || name === undefined) return `"${text.slice(0, 60)}" is not NAME[:NUMBER][@ODS]`;
  if (!isScenarioName(name)) return `unknown scenario "${name}"; known: ${Object.keys(SCENARIOS).join(', ')}`;
  return {
    name,
    ...(m[2] === undefined ? {} : { value: Number(m[2]) }),
    ...(m[3] === undefined ? {} : { odsCode: m[3] }),
  };
}

export class ScenarioControl {
  private active: ActiveScenario[] = [];

  constructor(private readonly onTlsChange: (tls: 'valid' | 'expired-certificate' | 'wrong-ca') => void) {}

  list(): readonly ActiveScenario[] {
    return [...this.active];
  }

  /** Switches a scenario on (replacing the same name for the same practice). */
  activate(scenario: ActiveScenario): void {
    this.active = this.active.filter((a) => !(a.name === scenario.name && a.odsCode === scenario.odsCode));
    if (TLS_SCENARIOS.has(scenario.name)) this.active = this.active.filter((a) => !TLS_SCENARIOS.has(a.name));
    this.active.push(scenario);
    if (TLS_SCENARIOS.has(scenario.name)) this.onTlsChange(scenario.name as 'expired-certificate' | 'wrong-ca');
  }

  deactivate(name?: ScenarioName): void {
    const hadTls = this.active.some((a) => TLS_SCENARIOS.has(a.name) && (name === undefined || a.name === name));
    this.active = name === undefined ? [] : this.active.filter((a) => a.name !== name);
    if (hadTls) this.onTlsChange('valid');
  }

  /**
   * Counts one call against a scenario limited to N calls (`http-502:2`): it switches itself off after the Nth, so a
   * retry then succeeds. Scenarios without a number stay on.
   */
  spend(scenario: ActiveScenario): void {
    if (scenario.value === undefined || scenario.name !== 'http-502') return;
    const left = scenario.value - 1;
    this.active = this.active.flatMap((a) => (a !== scenario ? [a] : left > 0 ? [{ ...a, value: left }] : []));
  }

  /** The scenario of that name in force for a practice, if any. */
  find(name: ScenarioName, odsCode: string | undefined): ActiveScenario | undefined {
    return this.active.find((a) => a.name === name && (a.odsCode === undefined || a.odsCode === odsCode));
  }
}
