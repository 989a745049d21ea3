/** Masks an ID number or phone number for display: the first 6 (or 3) and last 4 characters stay. */
export function maskPersonalCode(value: string): string {
  if (value.length <= 8) return '*'.repeat(value.length);
  const keepStart = value.length >= 15 ? 6 : 3;
  return value.slice(0, keepStart) + '*'.repeat(value.length - keepStart - 4) + value.slice(-4);
}
