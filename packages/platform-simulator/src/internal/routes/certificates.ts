import { createHash } from 'node:crypto';
import { CertificateQuerySchema, CertificateVerifyInputSchema, UseCauseSchema } from '@zwfw/exchange-client';
import { ApiError } from '../http';
import { checkCertificateIdentifier } from '../certificate-id';
import { type RouteContext, ok, paginate, parseInput, queryObject, requireUseCause } from './context';

/** 证照查询 by holder (用证事由 mandatory), download, and 核验. */
export function registerCertificateRoutes(context: RouteContext): void {
  const { router, state } = context;

  router.add({
    method: 'GET',
    path: '/api/v1/certificates',
    authenticated: true,
    handler: ({ query }) => {
      requireUseCause(query.get('useCause'));
      const input = parseInput(CertificateQuerySchema, queryObject(query), 'the certificate query');
      const matches = [...state.certificates.values()]
        .map((stored) => stored.record)
        .filter(
          (record) =>
            record.holderCode === input.holderCode &&
            record.holderType === input.holderType &&
            (input.certTypeCode === undefined || record.certTypeCode === input.certTypeCode),
        )
        .sort((a, b) => (a.certId < b.certId ? -1 : 1));
      return ok(paginate(matches, (record) => record.certId, input.cursor, input.limit));
    },
  });

  router.add({
    method: 'GET',
    path: '/api/v1/certificates/{certId}/file',
    authenticated: true,
    handler: async ({ params, query }) => {
      requireUseCause(query.get('useCause'));
      parseInput(UseCauseSchema, query.get('useCause'), 'useCause');
      const stored = params.certId === undefined ? undefined : state.certificates.get(params.certId);
      if (stored === undefined) {
        throw new ApiError(
          'CERTIFICATE_NOT_FOUND',
          `certificate ${params.certId} is not known; find identifiers with GET /certificates`,
        );
      }
      const pdf = stored.record.fileFormat === 'pdf';
      const bytes = await stored.file();
      return ok({
        certId: stored.record.certId,
        fileName: `${stored.record.certNo}.${stored.record.fileFormat}`,
        mediaType: pdf ? 'application/pdf' : 'application/ofd',
        contentBase64: Buffer.from(bytes).toString('base64'),
        sha256: createHash('sha256').update(bytes).digest('hex'),
      });
    },
  });

  router.add({
    method: 'POST',
    path: '/api/v1/certificates/verify',
    authenticated: true,
    handler: async ({ body }) => {
      const input = parseInput(CertificateVerifyInputSchema, body, 'the verification request');
      const identifierValid = await checkCertificateIdentifier(input.certId);
      const stored = state.certificates.get(input.certId);
      const fileMatches =
        input.sha256 === undefined || stored === undefined
          ? null
          : createHash('sha256')
              .update(await stored.file())
              .digest('hex') === input.sha256;
      const status = stored?.record.status ?? null;
      return ok({
        certId: input.certId,
        valid: identifierValid && stored !== undefined && status === '01' && fileMatches !== false,
        identifierValid,
        found: stored !== undefined,
        status,
        fileMatches: input.sha256 === undefined ? null : (fileMatches ?? false),
      });
    },
  });
}
