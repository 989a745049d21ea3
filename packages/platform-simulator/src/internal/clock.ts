/** Format a date as ISO 8601 in China Standard Time (`+08:00`), the platform's time zone. */
export function formatChinaTime(date: Date): string {
  const shifted = new Date(date.getTime() + 8 * 3_600_000);
  return `${shifted.toISOString().slice(0, 23)}+08:00`;
}
