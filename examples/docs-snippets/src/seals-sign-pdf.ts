import { readFile, writeFile } from 'node:fs/promises';
import { BUSINESS_LICENCE_TEMPLATE } from '@zwfw/certificate';
import { createSoftwareSigner } from '@zwfw/seal';
import { drawSeal } from '@zwfw/seal/draw';
import { signPdf } from '@zwfw/seal/pdf';

const signer = createSoftwareSigner({
  privateKey: await readFile('seal-key.pem', 'utf8'),
  certificate: await readFile('seal-cert.pem', 'utf8'),
  chain: [await readFile('seal-chain.pem', 'utf8')],
});
const area = BUSINESS_LICENCE_TEMPLATE.sealArea; // where the template leaves room for the seal
const size = Math.min(area.width, area.height);
const seal = drawSeal({ organizationName: '衡阳市行政审批服务局' }); // the red round seal, as PDF operators
const scale = (size / seal.sizePt).toFixed(6);
const sealed = await signPdf(await readFile('licence.pdf'), signer, {
  appearance: {
    rect: [area.x, area.y, size, size],
    operators: `q ${scale} 0 0 ${scale} 0 0 cm\n${seal.pdfOperators}\nQ`,
  },
  reason: '电子证照核发',
  location: '湖南省衡阳市',
});
await writeFile('licence-sealed.pdf', sealed); // the original bytes are untouched: the seal is an incremental update
