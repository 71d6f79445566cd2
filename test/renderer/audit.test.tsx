import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/App';
import { AuditScreen } from '../../renderer/features/audit/AuditScreen';
import { GpcContext } from '../../renderer/gpc-context';
import type { AuditChainStatus, AuditRecord } from '../../shared/audit/audit-record';
import type { Result } from '../../shared/ipc/errors';
import { fakeGpc } from './fake-gpc';

const CHAIN_OK: AuditChainStatus = { verifiedAt: '2026-11-26T02:00:00.000Z', records: 12, breaks: [], tornBytes: 0 };
const CHAIN_BROKEN: AuditChainStatus = {
  ...CHAIN_OK,
  breaks: ['audit-000001.jsonl line 3: its content does not match its hash'],
};
const RECORD: AuditRecord = {
  seq: 7,
  at: '2026-11-26T02:15:03.120Z',
  action: 'interaction',
  outcome: 'failure',
  interactionId: 'urn:nhs:names:services:gpconnect:fhir:operation:gpc.getstructuredrecord-1',
  traceId: 'ad48a337-daf9-4a46-a3b4-107ad510f964',
  from: '200000000301',
  to: '200000000985',
  odsCode: 'A20047',
  httpStatus: 403,
  errorCode: 'NO_PATIENT_CONSENT',
  nhsNumber: '9450056234',
  user: {
    sdsUserId: '555021935107',
    name: 'JONES, Claire (Dr)',
    roleProfileId: '555021936108',
    organisation: 'Y90001',
  },
  prevHash: '0'.repeat(64),
  hash: 'f'.repeat(64),
};

const ok = (value: unknown): Promise<Result<unknown>> => Promise.resolve({ ok: true, value });

function app(answers: Record<string, unknown>) {
  const calls: { channel: string; input: unknown }[] = [];
  const api = fakeGpc((channel, input) => {
    calls.push({ channel, input });
    const answer = answers[channel];
    if (answer && typeof answer === 'object' && 'ok' in answer) return Promise.resolve(answer as Result<unknown>);
    return ok(answer);
  });
  return { api, calls };
}

const INFO = { name: 'GP Connect Workstation', version: '1', mode: 'demo', host: 'preview' };

describe('audit in the renderer', () => {
  it('an admin sees the chain-break banner on the patient screen, with the problem found', async () => {
    const { api } = app({
      'app.info': { ...INFO, auditAdmin: true },
      'audit.status': { mayView: true, chain: CHAIN_BROKEN },
    });
    render(<App api={api} />);
    const alert = await screen.findByTestId('audit-chain-alert');
    expect(alert).toHaveTextContent('The audit trail failed its integrity check');
    expect(alert).toHaveTextContent('does not match its hash');
    expect(screen.getByTestId('nav-audit')).toBeInTheDocument();
  });

  it('no banner when the chain verified; no Audit trail entry and no status call for a non-admin', async () => {
    const admin = app({
      'app.info': { ...INFO, auditAdmin: true },
      'audit.status': { mayView: true, chain: CHAIN_OK },
    });
    render(<App api={admin.api} />);
    await screen.findByTestId('nav-audit');
    expect(screen.queryByTestId('audit-chain-alert')).toBeNull();
    const clinician = app({ 'app.info': { ...INFO, auditAdmin: false } });
    const { container } = render(<App api={clinician.api} />);
    await within(container).findByTestId('nav-diagnostics');
    expect(within(container).queryByTestId('nav-audit')).toBeNull();
    expect(clinician.calls.map((c) => c.channel)).not.toContain('audit.status');
  });

  it('the table names the interaction, the patient, the trace id and the result', async () => {
    const { api } = app({
      'audit.search': { records: [RECORD], total: 1 },
      'audit.status': { mayView: true, chain: CHAIN_OK },
    });
    render(
      <GpcContext.Provider value={api}>
        <AuditScreen />
      </GpcContext.Provider>,
    );
    const row = await screen.findByTestId('audit-row');
    expect(row).toHaveTextContent('26-Nov-2026 02:15:03 UTC');
    expect(row).toHaveTextContent('JONES, Claire (Dr)');
    expect(row).toHaveTextContent('Get the structured record');
    expect(row).toHaveTextContent('945 005 6234');
    expect(row).toHaveTextContent('ad48a337-daf9-4a46-a3b4-107ad510f964');
    expect(row).toHaveTextContent('403 NO_PATIENT_CONSENT');
    expect(row).toHaveTextContent('Failure');
  });

  it('sends the filter to main as typed, and explains a bad one without a call', async () => {
    const { api, calls } = app({
      'audit.search': { records: [], total: 0 },
      'audit.status': { mayView: true, chain: CHAIN_OK },
    });
    render(
      <GpcContext.Provider value={api}>
        <AuditScreen />
      </GpcContext.Provider>,
    );
    await screen.findByTestId('audit-count');
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Patient NHS number'), '945 005 6234');
    await user.type(screen.getByLabelText('User', { exact: true }), 'jones');
    await user.selectOptions(screen.getByLabelText('Outcome'), 'failure');
    await user.click(screen.getByTestId('audit-apply'));
    expect(calls.filter((c) => c.channel === 'audit.search').at(-1)?.input).toEqual({
      nhsNumber: '9450056234',
      user: 'jones',
      outcome: 'failure',
    });
    const before = calls.length;
    await user.clear(screen.getByLabelText('Patient NHS number'));
    await user.type(screen.getByLabelText('Patient NHS number'), '945 005 6235');
    await user.click(screen.getByTestId('audit-apply'));
    expect(await screen.findByTestId('audit-filter-error')).toHaveTextContent(/check digit/);
    expect(calls.length).toBe(before);
  }, 30_000);

  it('main’s refusal is shown in its words', async () => {
    const refusal = {
      ok: false,
      error: { code: 'NOT_AUTHORISED', message: 'Only local administrators can see the audit trail.' },
    };
    const { api } = app({ 'audit.search': refusal, 'audit.status': { mayView: false } });
    render(
      <GpcContext.Provider value={api}>
        <AuditScreen />
      </GpcContext.Provider>,
    );
    expect(await screen.findByTestId('audit-error')).toHaveTextContent('Only local administrators');
    expect(screen.queryByTestId('audit-table')).toBeNull();
  });

  it('where the desktop app saved the export itself, says so, or that nothing was saved when cancelled', async () => {
    for (const [savedByHost, said] of [
      [true, '1 record exported to gpc-audit-20261126-0215.csv.'],
      [false, 'Export cancelled: nothing was saved.'],
    ] as const) {
      const { api } = app({
        'audit.search': { records: [RECORD], total: 1 },
        'audit.status': { mayView: true, chain: CHAIN_OK },
        'audit.export': { filename: 'gpc-audit-20261126-0215.csv', csv: '', rows: 1, savedByHost },
      });
      const { container, unmount } = render(
        <GpcContext.Provider value={api}>
          <AuditScreen />
        </GpcContext.Provider>,
      );
      await within(container).findByTestId('audit-row');
      await userEvent.click(within(container).getByTestId('audit-export'));
      expect(await within(container).findByTestId('audit-exported')).toHaveTextContent(said);
      unmount();
    }
  });
});
