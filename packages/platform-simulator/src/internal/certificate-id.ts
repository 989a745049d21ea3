const IDENTIFIER = /^1\.2\.156\.3005\.2\.([0-9A-Z]+)\.([0-9A-Z]+)\.([0-9A-Z]+)\.(\d{3})\.([0-9A-Z])$/;

/** Whether an e-certificate identifier (`1.2.156.3005.2.{type}.{issuer}.{serial}.{version}.{check}`) is well formed. */
export function checkCertificateIdentifier(identifier: string): boolean {
  return IDENTIFIER.test(identifier);
}
