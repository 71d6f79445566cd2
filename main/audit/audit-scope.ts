import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The user action an interaction happens within (the IPC call being handled), so the interaction's audit record can
 * name the patient the action is about without every GP Connect client passing it down.
 */
export interface AuditScope {
  readonly channel: string;
  readonly nhsNumber?: string;
}

const storage = new AsyncLocalStorage<AuditScope>();

export function withAuditScope<T>(scope: AuditScope, run: () => Promise<T>): Promise<T> {
  return storage.run(scope, run);
}

export function currentAuditScope(): AuditScope | undefined {
  return storage.getStore();
}
