/// <reference path="./pdf-lib-bundle.d.ts" />
// pdf-lib as this package uses it, loaded from pdf-lib's single-file build (`dist/pdf-lib.js`: the same 1.17.1 code,
// bundled by its authors). Loading one file instead of about 300 CommonJS modules costs about a third of the CPU
// time (~65 vs ~200 ms measured), which every batch worker thread pays when it starts. Types come from the entry.
import type * as PdfLib from 'pdf-lib';
import * as loaded from 'pdf-lib/dist/pdf-lib.js';

// A UMD file marked __esModule: Node's ES loader puts module.exports on `default`; CommonJS interop (the cjs build)
// gives module.exports itself.
const bundle = ((loaded as { default?: typeof PdfLib }).default ?? loaded) as typeof PdfLib;

export const {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFObject,
  PDFRawStream,
  PDFStream,
  PDFString,
  decodePDFRawStream,
} = bundle;
// The classes this package also names as types.
export type PDFContext = PdfLib.PDFContext;
export type PDFDict = PdfLib.PDFDict;
export type PDFDocument = PdfLib.PDFDocument;
export type PDFFont = PdfLib.PDFFont;
export type PDFRef = PdfLib.PDFRef;
