import { readFile } from 'node:fs/promises';
import { Catalog, CatalogDocumentSchema, validateCatalog } from '@zwfw/catalog';

const parsed = CatalogDocumentSchema.safeParse(JSON.parse(await readFile('hengyang-catalog.json', 'utf8')));
if (!parsed.success) throw new Error(parsed.error.issues.map((issue) => issue.path.join('.')).join(', '));
const report = validateCatalog(parsed.data.items); // every schema and cross-field rule; never throws
for (const issue of report.errors.slice(0, 10)) console.log(issue.code, issue.path, issue.message.zh);

const catalog = Catalog.from(parsed.data, { onInvalid: 'skip' });
const licensing = catalog.query({ division: '430421', type: '01' }); // 衡阳县's 行政许可 items
console.log(licensing.length, catalog.readiness().atMostOneVisit.share); // 最多跑一次 share
const group = parsed.data.parallelGroups.find((entry) => entry.id === 'hy-tzxm-bjbl'); // 并联审批 group
console.log(group?.items.map((code) => catalog.get(code)?.name));
