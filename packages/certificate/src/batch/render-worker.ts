// The entry of the batch worker threads (a separate bundle, `dist/render-worker.cjs`): only the renderer, without the
// record schema, zod or @zwfw/catalog, so a worker starts with less to load. Records arrive already validated.
import { parentPort, workerData } from 'node:worker_threads';
import type { CertificateRecord } from '../model/certificate-record';
import type { CertificateFont } from '../render/fonts';
import { renderParsedCertificate } from '../render/render-document';
import type { CertificateTemplate } from '../templates/certificate-template';

/** What {@link serveRenderJobs} receives as `workerData`. */
export interface RenderWorkerData {
  templates: Record<string, CertificateTemplate>;
  font?: CertificateFont;
  fallbackFonts: CertificateFont[];
}

/**
 * Answer render jobs posted to this worker thread one by one (the PDF's buffer is transferred back), after telling
 * the pool it is ready. Errors are answered with their code; a certificate error keeps its own.
 */
export function serveRenderJobs(): void {
  const port = parentPort;
  if (!port) throw new Error('serveRenderJobs() runs in a worker thread');
  const data = workerData as RenderWorkerData;
  port.on(
    'message',
    async (job: { id: number; record: CertificateRecord; templateKey: string; qrContent: string; now: number }) => {
      try {
        const pdf = await renderParsedCertificate(job.record, data.templates[job.templateKey] as CertificateTemplate, {
          qrContent: job.qrContent,
          now: () => new Date(job.now),
          ...(data.font ? { font: data.font } : {}),
          fallbackFonts: data.fallbackFonts,
        });
        const own = pdf.byteOffset === 0 && pdf.byteLength === pdf.buffer.byteLength ? pdf : pdf.slice();
        port.postMessage({ id: job.id, ok: true, pdf: own }, [own.buffer as ArrayBuffer]);
      } catch (error) {
        const code = (error as { code?: unknown } | null)?.code;
        port.postMessage({
          id: job.id,
          ok: false,
          code:
            typeof code === 'string' && code.startsWith('ERR_CERTIFICATE_') ? code : 'ERR_CERTIFICATE_WORKER_FAILED',
          message: String((error as { message?: unknown } | null)?.message ?? error),
        });
      }
    },
  );
  port.postMessage({ ready: true });
}
