import { timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProviderState } from './provider/provider-state';
import type { RequestLog } from './request-log';
import type { ScenarioControl } from './scenarios';
import { SCENARIOS, isScenarioName } from './scenarios';

/**
 * The demonstrator's admin endpoint: plain HTTP on 127.0.0.1 (so it stays reachable while a TLS scenario breaks
 * the main server), guarded by a per-run bearer token. JSON in, JSON out:
 *
 *   GET    /scenarios                      active and available scenarios
 *   PUT    /scenarios/NAME[?value=N&ods=X] switch one on
 *   DELETE /scenarios/NAME                 switch one off;  DELETE /scenarios  all off
 *   GET    /appointments[?ods=X]           the appointments booked in this run (what the practices now hold)
 *   GET    /requests[?since=SEQ]           the request log (redacted), for tests that check what was sent
 */
export interface AdminInspection {
  readonly state: ProviderState;
  readonly requestLog: RequestLog;
}

/** The appointments booked during the run, as a practice holds them (no patient names: logical ids only). */
function bookedAppointments(state: ProviderState, ods: string | null): unknown[] {
  return [...state.books.values()]
    .filter((b) => ods === null || b.practice.odsCode === ods)
    .flatMap((b) =>
      [...b.appointments.values()].map((a) => {
        const r = a.resource;
        const reason = (r['extension'] as { url?: string; valueString?: string }[] | undefined)?.find((e) =>
          e.url?.endsWith('AppointmentCancellationReason-1'),
        )?.valueString;
        return {
          odsCode: b.practice.odsCode,
          id: a.id,
          patientId: a.patientId,
          slotIds: a.slotIds,
          version: a.version,
          status: r['status'],
          start: r['start'],
          description: r['description'],
          comment: r['comment'],
          ...(reason === undefined ? {} : { cancellationReason: reason }),
        };
      }),
    );
}
export interface AdminServer {
  readonly url: string;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(payload);
}

function authorised(req: IncomingMessage, token: string): boolean {
  const given = Buffer.from(req.headers['authorization'] ?? '');
  const wanted = Buffer.from(`Bearer ${token}`);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

export async function startAdminServer(
  control: ScenarioControl,
  token: string,
  port = 0,
  inspect?: AdminInspection,
): Promise<AdminServer> {
  const server: Server = createServer((req, res) => {
    req.resume();
    if (!authorised(req, token)) return send(res, 401, { error: 'Authorization: Bearer <admin token> required' });
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (inspect && req.method === 'GET' && url.pathname === '/appointments') {
      const ods = url.searchParams.get('ods');
      return send(res, 200, { appointments: bookedAppointments(inspect.state, ods) });
    }
    if (inspect && req.method === 'GET' && url.pathname === '/requests') {
      const since = Number(url.searchParams.get('since') ?? '0');
      return send(res, 200, { requests: inspect.requestLog.all().filter((e) => e.seq > since) });
    }
    const match = /^\/scenarios(?:\/([a-z0-9-]+))?$/.exec(url.pathname);
    if (!match) return send(res, 404, { error: 'see /scenarios' });
    const name = match[1];
    if (name !== undefined && !isScenarioName(name)) return send(res, 404, { error: `unknown scenario ${name}` });
    const state = () => ({ active: control.list(), available: SCENARIOS });
    if (req.method === 'GET' && name === undefined) return send(res, 200, state());
    if (req.method === 'DELETE') {
      control.deactivate(name);
      return send(res, 200, state());
    }
    if ((req.method === 'PUT' || req.method === 'POST') && name !== undefined) {
      const value = url.searchParams.get('value');
      const ods = url.searchParams.get('ods');
      if (value !== null && !/^\d{1,7}$/.test(value)) return send(res, 400, { error: 'value must be a whole number' });
      if (ods !== null && !/^[A-Z0-9]{3,10}$/.test(ods)) return send(res, 400, { error: 'ods must be an ODS code' });
      control.activate({
        name,
        ...(value === null ? {} : { value: Number(value) }),
        ...(ods === null ? {} : { odsCode: ods }),
      });
      return send(res, 200, state());
    }
    return send(res, 405, { error: 'GET, PUT or DELETE' });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
