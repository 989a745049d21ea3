/** Terminal display width: CJK and full-width characters take two columns. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    width += code >= 0x2e80 && code <= 0xffef && !(code >= 0xfe70 && code <= 0xfeff) ? 2 : 1;
  }
  return width;
}

/** Pads `text` with spaces to `width` terminal columns. */
export function padDisplay(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}
