// A font-free default appearance for visible signatures: a red ring with a five-pointed star, scaled to the rectangle.

const K = 0.5522847498;

function circle(cx: number, cy: number, r: number): string {
  const k = r * K;
  const f = (n: number) => n.toFixed(3);
  return [
    `${f(cx + r)} ${f(cy)} m`,
    `${f(cx + r)} ${f(cy + k)} ${f(cx + k)} ${f(cy + r)} ${f(cx)} ${f(cy + r)} c`,
    `${f(cx - k)} ${f(cy + r)} ${f(cx - r)} ${f(cy + k)} ${f(cx - r)} ${f(cy)} c`,
    `${f(cx - r)} ${f(cy - k)} ${f(cx - k)} ${f(cy - r)} ${f(cx)} ${f(cy - r)} c`,
    `${f(cx + k)} ${f(cy - r)} ${f(cx + r)} ${f(cy - k)} ${f(cx + r)} ${f(cy)} c`,
  ].join('\n');
}

/** PDF operators drawing a red ring and star in a `width` × `height` box. */
export function defaultSealOperators(width: number, height: number): string {
  const size = Math.min(width, height);
  const cx = width / 2;
  const cy = height / 2;
  const border = size * 0.03;
  const r = size / 2 - border;
  const star: string[] = [];
  const outer = size * 0.17;
  const inner = outer * 0.382;
  for (let i = 0; i < 10; i++) {
    const radius = i % 2 === 0 ? outer : inner;
    const angle = Math.PI / 2 + (i * Math.PI) / 5;
    star.push(
      `${(cx + radius * Math.cos(angle)).toFixed(3)} ${(cy + radius * Math.sin(angle)).toFixed(3)} ${i === 0 ? 'm' : 'l'}`,
    );
  }
  return [
    'q',
    '0.902 0 0.071 RG 0.902 0 0.071 rg',
    `${border.toFixed(3)} w`,
    circle(cx, cy, r),
    'S',
    ...star,
    'h f',
    'Q',
  ].join('\n');
}
