/** UTF-8 encode a string; pass bytes through; copy-free view of an ArrayBuffer. */
export declare function toBytes(input: Uint8Array | ArrayBuffer | string): Uint8Array;
export declare function toHex(bytes: Uint8Array): string;
export declare function toBase64(bytes: Uint8Array): string;
export declare function fromBase64(text: string): Uint8Array;
/** Compare two strings in time independent of where they differ (signature checks). */
export declare function timingSafeEqual(a: string, b: string): boolean;
//# sourceMappingURL=bytes.d.ts.map
