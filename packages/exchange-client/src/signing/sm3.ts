import { toBytes } from '../internal/bytes';

const IV = [0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e];
const rotl = (x: number, n: number) => ((x << n) | (x >>> (32 - n))) >>> 0;
const p0 = (x: number) => (x ^ rotl(x, 9) ^ rotl(x, 17)) >>> 0;
const p1 = (x: number) => (x ^ rotl(x, 15) ^ rotl(x, 23)) >>> 0;
// T_j rotated left by j mod 32, precomputed.
const T = Array.from({ length: 64 }, (_, j) => rotl(j < 16 ? 0x79cc4519 : 0x7a879d8a, j % 32));

function compress(state: number[], block: DataView, offset: number, w: Uint32Array, w1: Uint32Array): void {
  for (let j = 0; j < 16; j++) w[j] = block.getUint32(offset + j * 4);
  for (let j = 16; j < 68; j++) {
    w[j] = (p1((w[j - 16] as number) ^ (w[j - 9] as number) ^ rotl(w[j - 3] as number, 15)) ^
      rotl(w[j - 13] as number, 7) ^
      (w[j - 6] as number)) as number;
  }
  for (let j = 0; j < 64; j++) w1[j] = (w[j] as number) ^ (w[j + 4] as number);
  let [a, b, c, d, e, f, g, h] = state as [number, number, number, number, number, number, number, number];
  for (let j = 0; j < 64; j++) {
    const a12 = rotl(a, 12);
    const ss1 = rotl((a12 + e + (T[j] as number)) >>> 0, 7);
    const ss2 = (ss1 ^ a12) >>> 0;
    const ff = j < 16 ? a ^ b ^ c : (a & b) | (a & c) | (b & c);
    const gg = j < 16 ? e ^ f ^ g : (e & f) | (~e & g);
    const tt1 = (ff + d + ss2 + (w1[j] as number)) >>> 0;
    const tt2 = (gg + h + ss1 + (w[j] as number)) >>> 0;
    d = c;
    c = rotl(b, 9);
    b = a;
    a = tt1;
    h = g;
    g = rotl(f, 19);
    f = e;
    e = p0(tt2);
  }
  const next = [a, b, c, d, e, f, g, h];
  for (let index = 0; index < 8; index++) state[index] = ((state[index] as number) ^ (next[index] as number)) >>> 0;
}

/**
 * SM3 hash (GB/T 32905-2016) in pure TypeScript: WebCrypto has no SM3.
 *
 * @param data - bytes, or a string (UTF-8 encoded).
 * @returns the 32-byte digest.
 * @example
 * ```ts
 * sm3('abc'); // 66c7f0f4…8f4ba8e0 as bytes
 * ```
 */
export function sm3(data: Uint8Array | ArrayBuffer | string): Uint8Array {
  const message = toBytes(data);
  const bitLength = message.length * 8;
  const paddedLength = Math.ceil((message.length + 9) / 64) * 64;
  const padded = new Uint8Array(paddedLength);
  padded.set(message);
  padded[message.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(paddedLength - 8, Math.floor(bitLength / 0x100000000));
  view.setUint32(paddedLength - 4, bitLength >>> 0);
  const state = [...IV];
  const w = new Uint32Array(68);
  const w1 = new Uint32Array(64);
  for (let offset = 0; offset < paddedLength; offset += 64) compress(state, view, offset, w, w1);
  const out = new Uint8Array(32);
  const outView = new DataView(out.buffer);
  for (let index = 0; index < 8; index++) outView.setUint32(index * 4, state[index] as number);
  return out;
}

/**
 * HMAC (RFC 2104) with SM3, block size 64 bytes.
 *
 * @param key - the secret (bytes or UTF-8 string).
 * @param data - the message.
 * @returns the 32-byte MAC.
 * @example
 * ```ts
 * const mac = hmacSm3('secret', 'message');
 * ```
 */
export function hmacSm3(key: Uint8Array | ArrayBuffer | string, data: Uint8Array | ArrayBuffer | string): Uint8Array {
  let keyBytes = toBytes(key);
  if (keyBytes.length > 64) keyBytes = sm3(keyBytes);
  const inner = new Uint8Array(64);
  const outer = new Uint8Array(64);
  for (let index = 0; index < 64; index++) {
    const byte = keyBytes[index] ?? 0;
    inner[index] = byte ^ 0x36;
    outer[index] = byte ^ 0x5c;
  }
  const message = toBytes(data);
  const innerInput = new Uint8Array(64 + message.length);
  innerInput.set(inner);
  innerInput.set(message, 64);
  const outerInput = new Uint8Array(96);
  outerInput.set(outer);
  outerInput.set(sm3(innerInput), 64);
  return sm3(outerInput);
}
