/** The part of newman 6's Node API the replay test uses (the package ships no types). */
declare module 'newman' {
  interface NewmanRunOptions {
    collection: object;
    envVar?: { key: string; value: string }[];
    sslClientCert?: string;
    sslClientKey?: string;
    sslExtraCaCerts?: string;
    insecure?: boolean;
    timeoutRequest?: number;
    reporters?: string[];
  }
  interface NewmanAssertion {
    assertion: string;
    skipped?: boolean;
    error?: { message: string };
  }
  interface NewmanExecution {
    item: { name: string };
    response?: { code: number };
    requestError?: { message: string };
    assertions?: NewmanAssertion[];
  }
  interface NewmanRunSummary {
    run: {
      stats: { requests: { total: number; failed: number }; assertions: { total: number; failed: number } };
      failures: { error: { message: string }; source?: { name?: string } }[];
      executions: NewmanExecution[];
    };
  }
  function run(options: NewmanRunOptions, callback: (err: Error | null, summary: NewmanRunSummary) => void): void;
  export default { run };
  export type { NewmanRunOptions, NewmanRunSummary };
}
