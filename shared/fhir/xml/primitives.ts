// FHIR STU3 primitive values: JSON value <-> XML `value` attribute (http://hl7.org/fhir/STU3/datatypes.html).
// Decimals: JSON carries IEEE doubles, so a decimal is written as the shortest text that reads back as the same
// double (what JSON.stringify writes); trailing zeros written in XML ("1.50") cannot survive XML -> JSON -> XML.
import { FhirXmlError } from './errors';
import type { Stu3PrimitiveType } from './metadata-types';

const INTEGER = /^-?(?:0|[1-9][0-9]*)$/;
const DECIMAL = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** Characters XML 1.0 cannot carry at all (not even as references), and unpaired surrogates. */
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- matching the control characters XML forbids is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function isIntegerType(type: Stu3PrimitiveType): boolean {
  return type === 'integer' || type === 'positiveInt' || type === 'unsignedInt';
}

function checkIntegerRange(type: Stu3PrimitiveType, n: number, path: string, shown: string): void {
  const min = type === 'positiveInt' ? 1 : type === 'unsignedInt' ? 0 : INT32_MIN;
  if (!Number.isSafeInteger(n) || n < min || n > INT32_MAX) {
    throw new FhirXmlError('INVALID_VALUE', `${shown} is not a valid ${type}`, path);
  }
}

/** A JSON primitive value -> the text of the XML `value` attribute. */
export function primitiveToXml(type: Stu3PrimitiveType, value: unknown, path: string): string {
  if (type === 'boolean') {
    if (typeof value !== 'boolean') throw new FhirXmlError('INVALID_VALUE', `Expected a JSON boolean`, path);
    return value ? 'true' : 'false';
  }
  if (isIntegerType(type)) {
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      throw new FhirXmlError(
        'INVALID_VALUE',
        `Expected a JSON integer for ${type}, got ${JSON.stringify(value)}`,
        path,
      );
    }
    checkIntegerRange(type, value, path, String(value));
    return String(value);
  }
  if (type === 'decimal') {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new FhirXmlError('INVALID_VALUE', `Expected a JSON number for decimal, got ${JSON.stringify(value)}`, path);
    }
    return String(value);
  }
  if (typeof value !== 'string') {
    throw new FhirXmlError('INVALID_VALUE', `Expected a JSON string for ${type}, got ${JSON.stringify(value)}`, path);
  }
  if (NOT_XML.test(value)) {
    throw new FhirXmlError('INVALID_VALUE', `The ${type} value contains a character that XML cannot carry`, path);
  }
  return value;
}

/** The text of an XML `value` attribute -> the JSON value (boolean, number or string). */
export function primitiveFromXml(type: Stu3PrimitiveType, text: string, path: string): boolean | number | string {
  if (type === 'boolean') {
    if (text === 'true') return true;
    if (text === 'false') return false;
    throw new FhirXmlError('INVALID_VALUE', `"${text}" is not a boolean (true or false)`, path);
  }
  if (isIntegerType(type)) {
    if (!INTEGER.test(text)) throw new FhirXmlError('INVALID_VALUE', `"${text}" is not a valid ${type}`, path);
    const n = Number(text);
    checkIntegerRange(type, n, path, `"${text}"`);
    return n;
  }
  if (type === 'decimal') {
    const n = Number(text);
    if (!DECIMAL.test(text) || !Number.isFinite(n)) {
      throw new FhirXmlError('INVALID_VALUE', `"${text}" is not a valid decimal`, path);
    }
    return n;
  }
  return text;
}
