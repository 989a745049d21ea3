// A tiny vector path model shared by the SVG and PDF writers of drawSeal: absolute coordinates in millimetres,
// y pointing down (SVG convention), only move / line / cubic / close (PDF has no quadratic curves).

export type PathCommand =
  | { op: 'M' | 'L'; x: number; y: number }
  | { op: 'C'; x1: number; y1: number; x2: number; y2: number; x: number; y: number }
  | { op: 'Z' };

/** An affine transform [a b c d e f]: x' = a·x + c·y + e, y' = b·x + d·y + f. */
export type Matrix = readonly [number, number, number, number, number, number];

export function multiply(m: Matrix, n: Matrix): Matrix {
  // m ∘ n: apply n first, then m.
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

export const translate = (x: number, y: number): Matrix => [1, 0, 0, 1, x, y];
export const scale = (x: number, y: number): Matrix => [x, 0, 0, y, 0, 0];
export const rotate = (radians: number): Matrix => [
  Math.cos(radians),
  Math.sin(radians),
  -Math.sin(radians),
  Math.cos(radians),
  0,
  0,
];

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** Transforms a path; quadratic curves were already raised to cubics by the caller. */
export function transformPath(path: readonly PathCommand[], m: Matrix): PathCommand[] {
  return path.map((command) => {
    if (command.op === 'Z') return command;
    if (command.op === 'C') {
      const [x1, y1] = apply(m, command.x1, command.y1);
      const [x2, y2] = apply(m, command.x2, command.y2);
      const [x, y] = apply(m, command.x, command.y);
      return { op: 'C', x1, y1, x2, y2, x, y };
    }
    const [x, y] = apply(m, command.x, command.y);
    return { op: command.op, x, y };
  });
}

/** A full circle as four cubic Bézier arcs (error < 0.03 % of the radius). */
export function circlePath(cx: number, cy: number, r: number): PathCommand[] {
  const k = 0.5522847498307936 * r;
  return [
    { op: 'M', x: cx + r, y: cy },
    { op: 'C', x1: cx + r, y1: cy + k, x2: cx + k, y2: cy + r, x: cx, y: cy + r },
    { op: 'C', x1: cx - k, y1: cy + r, x2: cx - r, y2: cy + k, x: cx - r, y: cy },
    { op: 'C', x1: cx - r, y1: cy - k, x2: cx - k, y2: cy - r, x: cx, y: cy - r },
    { op: 'C', x1: cx + k, y1: cy - r, x2: cx + r, y2: cy - k, x: cx + r, y: cy },
    { op: 'Z' },
  ];
}

/** Fixed-precision number formatting: deterministic output, no `-0`, no exponent. */
export function formatNumber(value: number, digits = 3): string {
  const text = value.toFixed(digits).replace(/\.?0+$/, '');
  return text === '-0' || text === '' ? '0' : text;
}

/** SVG path data in millimetres. */
export function toSvgPathData(path: readonly PathCommand[]): string {
  const n = (value: number) => formatNumber(value);
  return path
    .map((c) => {
      if (c.op === 'Z') return 'Z';
      if (c.op === 'C') return `C${n(c.x1)} ${n(c.y1)} ${n(c.x2)} ${n(c.y2)} ${n(c.x)} ${n(c.y)}`;
      return `${c.op}${n(c.x)} ${n(c.y)}`;
    })
    .join('');
}

/** PDF path construction operators in points, y flipped (PDF's origin is the lower-left corner). */
export function toPdfPathOperators(path: readonly PathCommand[], heightMm: number): string {
  const k = 72 / 25.4;
  const x = (value: number) => formatNumber(value * k);
  const y = (value: number) => formatNumber((heightMm - value) * k);
  return path
    .map((c) => {
      if (c.op === 'Z') return 'h';
      if (c.op === 'C') return `${x(c.x1)} ${y(c.y1)} ${x(c.x2)} ${y(c.y2)} ${x(c.x)} ${y(c.y)} c`;
      return `${x(c.x)} ${y(c.y)} ${c.op === 'M' ? 'm' : 'l'}`;
    })
    .join('\n');
}
