// PAdES Document Security Store (/DSS): read certificates and CRLs, and build the update that adds them (B-LT).
import { PdfArray, PdfDict, type PdfObject, PdfRef, PdfStream } from './objects';
import type { PdfFile } from './pdf-file';
import { type UpdateObject, appendIncrementalUpdate } from './writer';

/** Validation data found in the last revision's /DSS. */
export interface DssData {
  certificates: Uint8Array[];
  crls: Uint8Array[];
}

const MAX_DSS_ITEMS = 1000;

/** Reads /DSS /Certs and /CRLs of the last revision (decoded streams). Throws PdfFormatError on a broken stream. */
export function readDss(file: PdfFile): DssData {
  const catalog = file.dict(file.last.trailer.get('Root'));
  const dss = file.dict(catalog?.get('DSS'));
  const read = (key: string): Uint8Array[] => {
    const array = file.get(dss?.get(key));
    if (!(array instanceof PdfArray)) return [];
    const out: Uint8Array[] = [];
    for (const item of array.items.slice(0, MAX_DSS_ITEMS)) {
      const stream = file.get(item);
      if (stream instanceof PdfStream) out.push(file.decode(stream));
    }
    return out;
  };
  return { certificates: read('Certs'), crls: read('CRLs') };
}

/** Appends an update that adds certificates and CRLs to /DSS (merged with an existing one). */
export function appendDss(file: PdfFile, data: DssData): Uint8Array {
  const root = file.last.trailer.get('Root');
  const catalog = file.dict(root);
  if (!(root instanceof PdfRef) || !catalog) throw new Error('trailer /Root is not an indirect dictionary');
  let next = file.last.trailer.get('Size') as number;
  const objects: UpdateObject[] = [];
  const existing = file.dict(catalog.get('DSS'));
  const addStreams = (key: string, items: Uint8Array[]): PdfObject | undefined => {
    const current = file.get(existing?.get(key));
    const refs = current instanceof PdfArray ? [...current.items] : [];
    for (const bytes of items) {
      const num = next++;
      objects.push({ num, value: new PdfStream(new PdfDict(), bytes) });
      refs.push(new PdfRef(num, 0));
    }
    return refs.length > 0 ? new PdfArray(refs) : undefined;
  };
  const dssDict = new PdfDict(new Map(existing?.map ?? []));
  for (const [key, items] of [
    ['Certs', data.certificates],
    ['CRLs', data.crls],
  ] as const) {
    const value = addStreams(key, items);
    if (value !== undefined) dssDict.set(key, value);
  }
  const dssNum = next++;
  objects.push({ num: dssNum, value: dssDict });
  objects.push({
    num: root.num,
    gen: root.gen,
    value: new PdfDict(new Map(catalog.map)).set('DSS', new PdfRef(dssNum, 0)),
  });
  return appendIncrementalUpdate(file, objects).bytes;
}
