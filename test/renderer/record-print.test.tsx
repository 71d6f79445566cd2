import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../renderer/App';
import type { HtmlRecordSection } from '../../shared/gpconnect/html-record-view';
import { HTML_SECTIONS } from '../../shared/gpconnect/html-sections';
import type { Result } from '../../shared/ipc/errors';
import { HARTLEY, fakeGpc } from './fake-gpc';

const traceIdOf = (code: string) =>
  `00000000-0000-4000-8000-0000000000${String(HTML_SECTIONS.findIndex((s) => s.code === code)).padStart(2, '0')}`;

function section(code: HtmlRecordSection['section']['code']): HtmlRecordSection {
  return {
    nhsNumber: HARTLEY.nhsNumber,
    section: { code, title: code },
    html: `<div><h1>${code}</h1></div>`,
    contentRemoved: false,
    crossCheck: { checked: true, differences: [] },
    practice: { odsCode: 'A20047', name: 'Riverside Medical Practice' },
    retrievedAt: '2026-11-25T10:05:00Z',
    traceId: traceIdOf(code),
  };
}

/** Every record section answers at once (ALL fails); printouts are recorded. */
function setup() {
  const recordCalls: string[] = [];
  const prints: unknown[] = [];
  const api = fakeGpc((channel, input) => {
    const answer = (value: unknown) => Promise.resolve({ ok: true, value } as Result<unknown>);
    if (channel === 'app.info')
      return answer({ name: 'GP Connect Workstation', version: '9', mode: 'demo', host: 'preview' });
    if (channel === 'patient.lookup') return answer(HARTLEY);
    if (channel === 'record.html') {
      const code = (input as { section: HtmlRecordSection['section']['code'] }).section;
      recordCalls.push(code);
      if (code === 'ALL') return Promise.resolve({ ok: false, error: { code: 'SPINE_ERROR', message: 'no' } });
      return answer(section(code));
    }
    if (channel === 'record.print') {
      prints.push(input);
      return answer({
        title: 'GP record',
        document: '<!doctype html><title>x</title><p>printout</p>',
        printedAt: '2026-11-25T10:06:00Z',
      });
    }
    return new Promise(() => undefined);
  });
  render(<App api={api} />);
  return { recordCalls, prints, user: userEvent.setup() };
}

describe('printing from the record screen', () => {
  it('prints the section on screen, by the trace ID it was retrieved under', { timeout: 20_000 }, async () => {
    const { prints, user } = setup();
    await user.type(await screen.findByLabelText('Find a patient by NHS number'), '9434765919{Enter}');
    await screen.findByTestId('record-frame');
    await user.click(screen.getByRole('button', { name: /^Print this section/ }));
    await waitFor(() =>
      expect(prints).toEqual([{ nhsNumber: '9434765919', scope: 'section', traceIds: [traceIdOf('SUM')] }]),
    );
  });

  it('the whole record: loads every section not yet asked for, then prints those that came back', async () => {
    const { recordCalls, prints, user } = setup();
    await user.type(await screen.findByLabelText('Find a patient by NHS number'), '9434765919{Enter}');
    await screen.findByTestId('record-frame');
    await user.click(screen.getByRole('button', { name: 'Print whole record' }));
    await waitFor(() => expect(prints).toHaveLength(1));
    expect([...recordCalls].sort()).toEqual(HTML_SECTIONS.map((s) => s.code).sort());
    const printed = prints[0] as { scope: string; traceIds: string[] };
    expect(printed.scope).toBe('record');
    // Allergies failed: not in the printout (main lists it as not included).
    expect(printed.traceIds).toEqual(HTML_SECTIONS.filter((s) => s.code !== 'ALL').map((s) => traceIdOf(s.code)));
  });
});
