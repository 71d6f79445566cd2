import { describe, expect, it } from 'vitest';
import { AUDIT_CSV_COLUMNS, auditCsv, csvCell } from '../../../shared/audit/audit-csv';
import type { AuditRecord } from '../../../shared/audit/audit-record';

const base: AuditRecord = {
  seq: 1,
  at: '2026-11-26T02:15:03.120Z',
  action: 'view-section',
  outcome: 'failure',
  nhsNumber: '9450056234',
  target: 'SUM',
  prevHash: '0'.repeat(64),
  hash: 'a'.repeat(64),
};

/** A minimal RFC 4180 reader, to check the writer round-trips (quoted fields, doubled quotes, CRLF). */
function parse(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i += 1) {
    const c = csv[i];
    if (quoted) {
      if (c === '"' && csv[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && csv[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else cell += c;
  }
  return rows;
}

describe('audit CSV', () => {
  it('quotes every field, doubles quotes and keeps commas and line breaks inside a field', () => {
    const tricky = { ...base, note: 'said "no", then\r\nleft' } as AuditRecord;
    const rows = parse(auditCsv([tricky]));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual(AUDIT_CSV_COLUMNS.map(([name]) => name));
    const note = rows[1]?.[AUDIT_CSV_COLUMNS.findIndex(([name]) => name === 'note')];
    expect(note).toBe('said "no", then\r\nleft');
    expect(rows[1]?.[AUDIT_CSV_COLUMNS.findIndex(([name]) => name === 'NHS number')]).toBe('9450056234');
  });

  it.each(['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])(
    'a cell starting %j cannot run as a formula',
    (value) => {
      const cell = csvCell(value);
      expect(cell.startsWith(`"'`)).toBe(true);
      expect(parse(`${cell}\r\n`)[0]?.[0]).toBe(`'${value}`);
    },
  );

  it('leaves ordinary values alone, including codes with a dash inside', () => {
    expect(csvCell('SPINE_ERROR NO_PATIENT_CONSENT')).toBe('"SPINE_ERROR NO_PATIENT_CONSENT"');
    expect(csvCell('ad48a337-daf9')).toBe('"ad48a337-daf9"');
    expect(csvCell(undefined)).toBe('""');
  });

  it('an injected error code from upstream is neutralised in the export', () => {
    const hostile = { ...base, errorCode: '=cmd|"/c calc"!A1' } as AuditRecord;
    const csv = auditCsv([hostile]);
    expect(csv).toContain(`"'=cmd|""/c calc""!A1"`);
    expect(csv).not.toMatch(/(^|,)"=/m);
  });
});
