// pdf-lib's single-file UMD build exports exactly what its package entry exports.
declare module 'pdf-lib/dist/pdf-lib.js' {
  const bundle: typeof import('pdf-lib');
  export default bundle;
}
