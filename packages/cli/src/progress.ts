import type { CommandContext } from './context';

/** Progress of a batch: a bar redrawn in place on a TTY, a quiet line every few seconds otherwise. */
export interface ProgressReporter {
  update(done: number, total: number | undefined, note?: string): void;
  finish(summary: string): void;
}

/** Creates a progress reporter on stderr. `now` is injectable for tests. */
export function createProgress(
  context: CommandContext,
  label: string,
  options: { now?: () => number; intervalMs?: number } = {},
): ProgressReporter {
  const now = options.now ?? (() => Date.now());
  const interval = options.intervalMs ?? (context.io.stderr.isTTY ? 100 : 5000);
  const started = now();
  let lastDrawn = Number.NEGATIVE_INFINITY;
  const tty = context.io.stderr.isTTY === true;
  return {
    update(done, total, note) {
      const at = now();
      if (at - lastDrawn < interval && done !== total) return;
      lastDrawn = at;
      const seconds = Math.max((at - started) / 1000, 1e-9);
      const rate = `${(done / seconds).toFixed(1)}/s`;
      const counted = total === undefined ? `${done}` : `${done}/${total}`;
      if (tty) {
        const width = 24;
        const filled = total ? Math.round((done / total) * width) : 0;
        const bar = total ? `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ` : '';
        context.io.stderr.write(`\r${label} ${bar}${counted} ${rate}${note ? ` ${note}` : ''}\u001b[K`);
      } else {
        context.io.stderr.write(`${label}: ${counted} ${rate}${note ? ` ${note}` : ''}\n`);
      }
    },
    finish(summary) {
      if (tty) context.io.stderr.write('\r\u001b[K');
      context.io.stderr.write(`${label}: ${summary}\n`);
    },
  };
}
