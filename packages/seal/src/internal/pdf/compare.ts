// Structural equality of PDF objects (dictionary key order ignored; streams compare dictionary and raw data).
import { PdfArray, PdfDict, PdfName, type PdfObject, PdfRef, PdfStream, PdfString } from './objects';

/** Whether two objects are structurally equal. */
export function sameObject(a: PdfObject | undefined, b: PdfObject | undefined, depth = 0): boolean {
  if (depth > 100) return false;
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (a instanceof PdfName) return b instanceof PdfName && a.name === b.name;
  if (a instanceof PdfRef) return b instanceof PdfRef && a.num === b.num && a.gen === b.gen;
  if (a instanceof PdfString) return b instanceof PdfString && sameBytes(a.bytes, b.bytes);
  if (a instanceof PdfArray) {
    return (
      b instanceof PdfArray &&
      a.items.length === b.items.length &&
      a.items.every((x, i) => sameObject(x, b.items[i], depth + 1))
    );
  }
  if (a instanceof PdfStream) {
    return b instanceof PdfStream && sameBytes(a.raw, b.raw) && sameDict(a.dict, b.dict, depth, ['Length']);
  }
  if (a instanceof PdfDict) return b instanceof PdfDict && sameDict(a, b, depth, []);
  return false;
}

function sameDict(a: PdfDict, b: PdfDict, depth: number, ignore: string[]): boolean {
  const keys = new Set([...a.map.keys(), ...b.map.keys()]);
  for (const key of keys) {
    if (ignore.includes(key)) continue;
    if (!sameObject(a.get(key), b.get(key), depth + 1)) return false;
  }
  return true;
}

/** Keys whose values differ between two dictionaries. */
export function changedKeys(a: PdfDict, b: PdfDict): string[] {
  const keys = new Set([...a.map.keys(), ...b.map.keys()]);
  return [...keys].filter((key) => !sameObject(a.get(key), b.get(key)));
}

/** Byte equality. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
