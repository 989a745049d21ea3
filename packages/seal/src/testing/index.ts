/**
 * Exported from `@zwfw/seal/testing`.
 *
 * @module
 */
export { SealError, isSealError } from '../errors';
export type { SealErrorCode } from '../errors';
export { createTestPki } from './create-test-pki';
export type { TestPki, TestPkiOptions, TestCertificate, TestSigner, TestCrl, TestTsa } from './create-test-pki';
export type { TimestampResponder, TimestampResponderOptions } from './timestamp-responder';
