import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CertificateError } from '../errors';
import type { CertificateRecord } from '../model/certificate-record';
import type { CertificateFont } from '../render/fonts';
import type { CertificateTemplate } from '../templates/certificate-template';

/** A render job for a worker. */
export interface RenderJob {
  record: CertificateRecord;
  templateKey: string;
  qrContent: string;
  now: number;
}

/** A worker's answer. */
export type RenderOutcome = { ok: true; pdf: Uint8Array } | { ok: false; code: string; message: string };

// Runs inside each worker (CommonJS eval script): load the worker entry (render-worker), which then serves jobs. The
// built entry is loaded as CommonJS: in a fresh thread that is several times cheaper than importing the ES module
// build (Node then analyses every CommonJS file of pdf-lib for named exports).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
(workerData.tsx ? import('tsx/esm/api').then((api) => api.register()) : Promise.resolve())
  .then(() => workerData.require ? require(require('node:url').fileURLToPath(workerData.entry)) : import(workerData.entry))
  .then((m) => m.serveRenderJobs(), (error) => parentPort.postMessage({ fatal: String((error && error.stack) || error) }));
`;

/**
 * Where the worker entry is, and how a worker must load it: the built CommonJS bundle beside this module
 * (`render-worker.cjs`, with `require`), else the ES module one, or the TypeScript source through the tsx loader.
 */
function entryPoint(): { url: string; execArgv: string[]; tsx: boolean; require: boolean } {
  const url = (import.meta as { url?: string }).url;
  const here = typeof url === 'string' && url.startsWith('file:') ? url : pathToFileURL(__filename).href;
  if (here.endsWith('.ts')) {
    return {
      url: new URL('./render-worker.ts', here).href,
      execArgv: ['--conditions=@zwfw/source'],
      tsx: true,
      require: false,
    };
  }
  for (const name of ['./render-worker.cjs', './render-worker.js']) {
    const built = new URL(name, here);
    if (existsSync(fileURLToPath(built))) {
      return { url: built.href, execArgv: [], tsx: false, require: name.endsWith('.cjs') };
    }
  }
  throw new CertificateError(
    'ERR_CERTIFICATE_WORKER_FAILED',
    `Cannot find the worker entry (render-worker.cjs or render-worker.js) beside ${here} for worker threads; use concurrency: 1 in bundled builds`,
  );
}

interface Slot {
  worker: Worker;
  ready: boolean;
  /** Jobs posted to the worker and not answered yet. */
  posted: number;
}

/**
 * Jobs a worker holds at once: it renders one while the next waits in its message queue, so it never idles while
 * the calling thread handles its last answer. (An idle worker also invites V8's memory reducer to run full GCs: with
 * one job per worker, two workers used ~30% more CPU per certificate than one thread.)
 */
export const JOBS_PER_WORKER = 2;

/** A fixed set of worker threads, each rendering one job at a time from a short queue. */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly waiting: Array<{ job: RenderJob; resolve: (outcome: RenderOutcome) => void }> = [];
  private readonly pending = new Map<number, { slot: Slot; resolve: (outcome: RenderOutcome) => void }>();
  private nextId = 0;
  private failure: CertificateError | undefined;

  private constructor() {}

  /** Start `size` workers and wait until each has loaded the package. */
  static async start(
    size: number,
    templates: Record<string, CertificateTemplate>,
    fonts: { font?: CertificateFont; fallbackFonts: CertificateFont[] },
  ): Promise<WorkerPool> {
    const pool = new WorkerPool();
    const { url, execArgv, tsx, require } = entryPoint();
    const starts: Promise<void>[] = [];
    for (let i = 0; i < size; i++) {
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        execArgv,
        workerData: { entry: url, tsx, require, templates, font: fonts.font, fallbackFonts: fonts.fallbackFonts },
      });
      const slot: Slot = { worker, ready: false, posted: 0 };
      pool.slots.push(slot);
      starts.push(
        new Promise<void>((resolve, reject) => {
          worker.once('error', reject);
          worker.on('message', (message: { ready?: true; fatal?: string; id?: number } & RenderOutcome) => {
            if (message.ready) {
              slot.ready = true;
              resolve();
              pool.drain();
            } else if (message.fatal !== undefined) {
              reject(new Error(message.fatal));
            } else if (message.id !== undefined) {
              const entry = pool.pending.get(message.id);
              pool.pending.delete(message.id);
              slot.posted--;
              entry?.resolve(
                message.ok
                  ? { ok: true, pdf: message.pdf }
                  : { ok: false, code: message.code, message: message.message },
              );
              pool.drain();
            }
          });
        }),
      );
      worker.on('error', (error) => pool.fail(error));
      worker.on('exit', (code) => {
        if (code !== 0) pool.fail(new Error(`worker exited with code ${code}`));
      });
    }
    try {
      await Promise.all(starts);
    } catch (cause) {
      await pool.close();
      throw new CertificateError(
        'ERR_CERTIFICATE_WORKER_FAILED',
        'A worker thread failed to start; use concurrency: 1 or check the install',
        { cause },
      );
    }
    return pool;
  }

  /** Render one job on the next free worker. */
  render(job: RenderJob): Promise<RenderOutcome> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve) => {
      this.waiting.push({ job, resolve });
      this.drain();
    });
  }

  private drain(): void {
    // Fill the emptiest queues first, so jobs spread over all workers.
    for (let depth = 0; depth < JOBS_PER_WORKER; depth++) {
      for (const slot of this.slots) {
        if (!slot.ready || slot.posted > depth) continue;
        const next = this.waiting.shift();
        if (!next) return;
        slot.posted++;
        const id = this.nextId++;
        this.pending.set(id, { slot, resolve: next.resolve });
        slot.worker.postMessage({ id, ...next.job });
      }
    }
  }

  private fail(cause: unknown): void {
    if (this.failure) return;
    this.failure = new CertificateError(
      'ERR_CERTIFICATE_WORKER_FAILED',
      'A worker thread crashed; the batch was stopped',
      { cause },
    );
    for (const entry of this.pending.values()) {
      entry.resolve({ ok: false, code: 'ERR_CERTIFICATE_WORKER_FAILED', message: this.failure.message });
    }
    this.pending.clear();
  }

  /** Stop all workers. */
  async close(): Promise<void> {
    this.failure ??= new CertificateError('ERR_CERTIFICATE_WORKER_FAILED', 'The worker pool is closed');
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }
}
