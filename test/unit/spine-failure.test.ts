import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { interpretFailedResponse, transportFailure } from '../../shared/gpconnect/spine-failure';

const example = (name: string): unknown =>
  JSON.parse(readFileSync(`assets/gpconnect/examples/errors/${name}`, 'utf8')) as unknown;

describe('interpretFailedResponse with the published error payloads', () => {
  it.each([
    ['stu3-ACCESS_DENIED.json', 403, 'ACCESS DENIED', 'switched off at the practice'],
    ['stu3-BAD_REQUEST.json', 400, 'BAD_REQUEST', 'do not retry'],
    ['stu3-DUPLICATE_REJECTED.json', 409, 'DUPLICATE_REJECTED', 'Refresh'],
    ['stu3-INVALID_NHS_NUMBER.json', 400, 'INVALID_NHS_NUMBER', 'NHS number'],
    ['stu3-NO_PATIENT_CONSENT.json', 403, 'NO_PATIENT_CONSENT', 'not to be shared'],
    ['stu3-PATIENT_NOT_FOUND.json', 404, 'PATIENT_NOT_FOUND', 'no active record'],
    ['stu3-REFERENCE_NOT_FOUND.json', 422, 'REFERENCE_NOT_FOUND', 'report'],
    ['dstu2-INVALID_NHS_NUMBER.json', 400, 'INVALID_NHS_NUMBER', 'NHS number'],
    ['ssp-403-ASID_CHECK_FAILED.json', 403, 'SSP_ASID_CHECK_FAILED', 'authorised sender'],
    ['ssp-403-FOT_CHECK_FAILED.json', 403, 'SSP_NO_SHARING_AGREEMENT', 'data sharing agreement'],
    ['ssp-502-ERROR_COMMUNICATING.json', 502, 'SSP_ERROR_COMMUNICATING', 'could not reach'],
  ])('%s → %s', (file, httpStatus, code, message) => {
    const failure = interpretFailedResponse({ httpStatus, body: example(file), traceId: 'trace-1' });
    expect(failure.code).toBe(code);
    expect(failure.message).toContain(message);
    expect(failure.httpStatus).toBe(httpStatus);
    expect(failure.traceId).toBe('trace-1');
  });

  it('offers a retry only for 502 from SSP, never for a business error', () => {
    expect(
      interpretFailedResponse({ httpStatus: 502, body: example('ssp-502-ERROR_COMMUNICATING.json') }).retryable,
    ).toBe(true);
    expect(interpretFailedResponse({ httpStatus: 409, body: example('stu3-DUPLICATE_REJECTED.json') }).retryable).toBe(
      false,
    );
  });

  it('says plainly when an error came without an OperationOutcome (an HTML error page)', () => {
    const failure = interpretFailedResponse({ httpStatus: 500, body: null });
    expect(failure.code).toBe('NO_OPERATION_OUTCOME');
    expect(failure.message).toContain('without an explanation');
  });

  it('names an unknown Spine code rather than hiding it', () => {
    const body = {
      resourceType: 'OperationOutcome',
      issue: [
        {
          severity: 'error',
          code: 'invalid',
          details: {
            coding: [
              { system: 'https://fhir.nhs.uk/STU3/CodeSystem/Spine-ErrorOrWarningCode-1', code: 'PATIENT_SENSITIVE' },
            ],
          },
        },
      ],
    };
    const failure = interpretFailedResponse({ httpStatus: 400, body });
    expect(failure.code).toBe('PATIENT_SENSITIVE');
    expect(failure.message).toContain('PATIENT_SENSITIVE');
    expect(failure.message).toContain('HTTP 400');
  });

  it('keeps diagnostics as detail for the service desk, trimmed', () => {
    const body = {
      resourceType: 'OperationOutcome',
      issue: [
        {
          severity: 'error',
          code: 'value',
          diagnostics: 'x'.repeat(2000),
          details: { coding: [{ code: 'INVALID_PARAMETER' }] },
        },
      ],
    };
    expect(interpretFailedResponse({ httpStatus: 422, body }).detail).toHaveLength(500);
  });

  it('transport failures carry their own sentence', () => {
    expect(transportFailure('TLS_FAILED', 'unable to verify the first certificate').message).toContain(
      'certificate problem',
    );
    expect(transportFailure('TIMEOUT').retryable).toBe(true);
  });
});
