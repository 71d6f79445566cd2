import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import type { HtmlRecordSection } from '../../shared/gpconnect/html-record-view';
import type { PatientSummary } from '../../shared/patient/patient-summary';
import { PRINT_WATERMARK, composePrintDocument, printCsp } from '../../main/gpconnect/print-document';
import type { PrintRequest } from '../../main/gpconnect/print-document';

const patient: PatientSummary = {
  nhsNumber: '9434765919',
  name: { prefix: ['Mrs'], given: ['Amelia', 'Grace'], family: 'Hartley' },
  birthDate: '1968-03-12',
  gender: 'female',
  restricted: false,
  registeredPractice: { odsCode: 'A20047', name: 'Riverside Medical Practice' },
  source: 'PDS',
};

function view(overrides: Partial<HtmlRecordSection> = {}): HtmlRecordSection {
  return {
    nhsNumber: '9434765919',
    section: { code: 'SUM', title: 'Summary' },
    html: '<div><h1>Summary</h1><div class="date-banner">Date filter not applied</div><table id="enc-tab"><tbody><tr><td>x</td></tr></tbody></table></div>',
    contentRemoved: false,
    crossCheck: { checked: true, differences: [] },
    practice: { odsCode: 'A20047', name: 'Riverside Medical Practice' },
    retrievedAt: '2026-03-12T14:05:00.000Z',
    traceId: '5b7c8e0a-1111-4222-8333-944455556666',
    ...overrides,
  };
}

const request = (overrides: Partial<PrintRequest> = {}): PrintRequest => ({
  patient,
  views: [view()],
  scope: 'section',
  user: { name: 'Dr Alex Jones', sdsUserId: '111222333444', organisation: 'Urgent Care (Y90001)' },
  printedAt: new Date('2026-03-12T14:10:00Z'),
  styles: { kind: 'link' },
  ...overrides,
});

const parse = (html: string) => new JSDOM(html).window.document;

describe('the print document', () => {
  it('has the banner, the source practice, retrieval time, user and the watermark', () => {
    const doc = parse(composePrintDocument(request()));
    const banner = doc.querySelector('thead .gpc-print__banner')?.textContent ?? '';
    expect(banner).toContain('HARTLEY, Amelia Grace (Mrs)');
    expect(banner).toContain('12-Mar-1968');
    expect(banner).toContain('943 476 5919');
    expect(banner).toContain('Female');
    const header = doc.querySelector('thead .gpc-print__header')?.textContent ?? '';
    expect(header).toContain('Source practice: Riverside Medical Practice (A20047)');
    // 14:05 UTC is 14:05 in March (GMT); the printout says UK time.
    expect(header).toContain('Retrieved 12-Mar-2026 14:05 (UK time)');
    expect(header).toContain('Printed by Dr Alex Jones (SDS user ID 111222333444, Urgent Care (Y90001))');
    expect(header).toContain(PRINT_WATERMARK);
    expect(doc.querySelector('.gpc-print__watermark')?.textContent).toBe(PRINT_WATERMARK);
    expect(doc.querySelector('.gpc-print__provider #enc-tab')).not.toBeNull();
    expect(doc.title).toContain('943 476 5919');
  });

  it('holds no script and a CSP that forbids script and every fetch but our stylesheet', () => {
    const html = composePrintDocument(request());
    const doc = parse(html);
    expect(doc.querySelectorAll('script, iframe, object, embed, form, a, img').length).toBe(0);
    const csp = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'none'");
    expect(csp).toContain("style-src 'self'");
    expect(doc.querySelector('link[rel="stylesheet"]')?.getAttribute('href')).toBe('record-print.css');
    // The CSP comes before anything it governs.
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('stylesheet'));
  });

  it('inlines the stylesheet for a standalone PDF, allowed by its hash only', () => {
    const css = '.gpc-print__banner { border: 2px solid #005eb8; }';
    const doc = parse(composePrintDocument(request({ styles: { kind: 'inline', css } })));
    expect(doc.querySelector('style')?.textContent).toBe(css);
    expect(doc.querySelector('link')).toBeNull();
    const csp = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '';
    expect(csp).toBe(printCsp({ kind: 'inline', css }));
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/]+=*'/);
    expect(csp).not.toContain('unsafe-inline');
  });

  it('keeps our own text as text: a name with markup in it stays inert', () => {
    const hostile: PatientSummary = {
      ...patient,
      name: { prefix: [], given: ['<img src=x onerror=alert(1)>'], family: '<script>alert(1)</script>' },
    };
    const doc = parse(composePrintDocument(request({ patient: hostile })));
    expect(doc.querySelectorAll('script, img').length).toBe(0);
    expect(doc.querySelector('.gpc-print__name')?.textContent).toContain('<SCRIPT>ALERT(1)</SCRIPT>');
  });

  it('refuses a section of another patient', () => {
    expect(() => composePrintDocument(request({ views: [view({ nhsNumber: '9658218873' })] }))).toThrow(
      /another patient/,
    );
  });

  it('names cross-check differences, the period and, for the whole record, the sections left out', () => {
    const med = view({
      section: { code: 'MED', title: 'Medications' },
      period: { from: '2020-01-01', to: '2024-12-31' },
      crossCheck: {
        checked: true,
        differences: [{ field: 'Family name', pds: 'ASHDOWN', practice: 'GARSIDE' }],
      },
      traceId: '5b7c8e0a-1111-4222-8333-944455556667',
      retrievedAt: '2026-03-12T14:07:00.000Z',
    });
    const doc = parse(composePrintDocument(request({ scope: 'record', views: [view(), med] })));
    const text = doc.body.textContent ?? '';
    expect(text).toContain('Family name: PDS ASHDOWN; GP practice GARSIDE');
    expect(text).toContain('for 01-Jan-2020 to 31-Dec-2024');
    expect(text).toContain('Retrieved 12-Mar-2026 14:05 to 12-Mar-2026 14:07');
    expect(doc.querySelector('.gpc-print__missing')?.textContent).toContain(
      'Administrative Items, Allergies and Adverse Reactions, Clinical Items',
    );
    expect(doc.querySelectorAll('.gpc-print__section')).toHaveLength(2);
  });

  it('marks a deceased patient in the banner', () => {
    const doc = parse(composePrintDocument(request({ patient: { ...patient, deceasedDate: '2025-01-02' } })));
    const banner = doc.querySelector('.gpc-print__banner');
    expect(banner?.className).toContain('gpc-print__banner--deceased');
    expect(banner?.textContent).toContain('Died02-Jan-2025');
    expect(banner?.textContent).toContain('Deceased');
  });
});
