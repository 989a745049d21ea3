/** Mask all but the first 4 and last 2 characters: `4304************37`. Codes of 6 or fewer characters are fully masked. */
export function maskCode(code: string): string {
  if (code.length <= 6) return '*'.repeat(code.length);
  return `${code.slice(0, 4)}${'*'.repeat(code.length - 6)}${code.slice(-2)}`;
}
