// @zwfw/certificate (and with it pdf-lib) is loaded on the first verification only, to keep start-up light.
let checker: Promise<(identifier: string) => boolean> | undefined;

/**
 * Whether an e-certificate identifier (`1.2.156.3005.2.{type}.{issuer}.{serial}.{version}.{check}`) is valid,
 * including its ISO/IEC 7064 MOD 37,36 check character, by `@zwfw/certificate`'s `checkCertificateId`.
 */
export function checkCertificateIdentifier(identifier: string): Promise<boolean> {
  checker ??= import('@zwfw/certificate').then(
    ({ checkCertificateId }) =>
      (value: string) =>
        checkCertificateId(value).valid,
  );
  return checker.then((check) => check(identifier));
}
