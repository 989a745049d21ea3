// Parallel approval (并联审批): the investment-project group 投资项目报建并联审批 (hy-tzxm-bjbl) read from the Hengyang
// catalog, one lead case plus one related case per member item (发改, 规划 ×2, 环保, 消防), each department acting on
// its own case through the exchange client, statuses polled until every member is approved, then the lead case
// completed (办结). Prints the merged timeline.
//
// Run: pnpm --filter @example/parallel-approval start
import { readFile } from 'node:fs/promises';
import { CatalogDocumentSchema, type ImplementationItem } from '@zwfw/catalog';
import { type CaseEvent, type CaseEventInput, type CaseInputInput, createExchangeClient } from '@zwfw/exchange-client';
import { startSimulator } from '@zwfw/platform-simulator';

const GROUP_ID = 'hy-tzxm-bjbl';
const HENGYANG = '430400000000';
const APPLICANT = {
  type: 'enterprise' as const,
  name: '衡阳示范新材料产业园开发有限公司',
  idType: '001',
  idNumber: '91430408MA4T2DEM1P',
};
/** How each department's case moves; 消防 first asks for a supplement (补正). */
const STEPS: Record<'default' | 'fire', CaseEventInput['status'][]> = {
  default: ['accepted', 'undertaken', 'reviewed', 'approved'],
  fire: ['supplementRequested', 'supplementAccepted', 'accepted', 'undertaken', 'reviewed', 'approved'],
};

/** Throws (and so fails the example) unless `condition` holds. */
function expectThat(condition: boolean, what: string): asserts condition {
  if (!condition) throw new Error(`check failed: ${what}`);
}

async function main(): Promise<void> {
  // 1. The group and its member items, from the catalog file, validated with the @zwfw/catalog schemas.
  const file = new URL('../../../fixtures/catalog/hengyang-catalog.json', import.meta.url);
  const parsed = CatalogDocumentSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success) {
    const where = parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`the catalog file does not match CatalogDocumentSchema: ${where.join('; ')}`);
  }
  const group = parsed.data.parallelGroups.find((entry) => entry.id === GROUP_ID);
  expectThat(group !== undefined, `the catalog defines the parallel group ${GROUP_ID}`);
  const members = group.items.map((code) => parsed.data.items.find((item) => item.implementationCode === code));
  expectThat(
    members.every((item) => item !== undefined),
    'every member item is in the catalog',
  );
  const leadItem = members.find((item) => item?.body.uscc === group.leadBody) as ImplementationItem;
  console.log(`${group.name} (${group.id}): ${members.length} member items, lead body ${leadItem.body.name}`);

  const sim = await startSimulator();
  try {
    const client = createExchangeClient({
      baseUrl: sim.apiUrl,
      credentials: sim.credentials,
      client: { regionCode: HENGYANG, organizationCode: '11430400M54DRXAH81', systemCode: 'HY-BJBL' },
      receipts: { verificationKey: sim.publicJwk },
    });
    const now = () => new Date().toISOString();
    const caseFor = (caseNo: string, item: ImplementationItem, extra: Partial<CaseInputInput>): CaseInputInput => ({
      caseNo,
      itemCode: item.implementationCode,
      projectName: `衡阳示范新材料产业园一期工程 — ${item.name}`,
      kind: 'joint',
      channel: 'online',
      regionCode: HENGYANG,
      applicant: APPLICANT,
      acceptDepartment: { code: item.body.uscc, name: item.body.name },
      submittedAt: now(),
      ...extra,
    });

    // 2. The lead case (牵头办件), then one related case per member item.
    const leadCaseNo = 'HY-BJBL-2026-0001';
    await client.cases.submit(
      caseFor(leadCaseNo, leadItem, { projectName: `衡阳示范新材料产业园一期工程 ${group.name}` }),
    );
    await client.cases.addEvent(leadCaseNo, {
      version: 2,
      status: 'accepted',
      occurredAt: now(),
      handler: { name: '综合窗口', department: { code: leadItem.body.uscc, name: leadItem.body.name } },
    });
    const related = members.map((item, index) => ({
      item: item as ImplementationItem,
      caseNo: `${leadCaseNo}-${index + 1}`,
      steps: [...(item?.name.includes('消防') ? STEPS.fire : STEPS.default)],
      version: 1,
    }));
    for (const member of related) {
      const result = await client.cases.submit(caseFor(member.caseNo, member.item, { relatedCaseNo: leadCaseNo }));
      expectThat(result.status === 'sent', `${member.caseNo} was accepted by the platform`);
    }
    console.log(`lead case ${leadCaseNo} and ${related.length} related cases submitted`);

    // 3. The departments act in parallel rounds (one step each per round); the lead polls every case's status.
    for (let round = 1; related.some((member) => member.steps.length > 0); round += 1) {
      await Promise.all(
        related
          .filter((member) => member.steps.length > 0)
          .map(async (member) => {
            const status = member.steps.shift() ?? 'approved';
            member.version += 1;
            const department = { code: member.item.body.uscc, name: member.item.body.name };
            if (round === 1) {
              sim.advanceCase(member.caseNo, { status, opinion: '窗口收件' }); // a department's own system
            } else {
              await client.cases.addEvent(member.caseNo, {
                version: member.version,
                status,
                occurredAt: now(),
                handler: { name: `${department.name}经办人`, department },
                ...(status === 'supplementRequested' ? { opinion: '请补充消防设计文件' } : {}),
              });
            }
          }),
      );
      const statuses = await Promise.all(related.map((member) => client.cases.get(member.caseNo)));
      console.log(`round ${round}: ${statuses.map((entry) => `${entry.caseNo.slice(-1)}=${entry.status}`).join(' ')}`);
    }
    const finals = await Promise.all(related.map((member) => client.cases.get(member.caseNo)));
    expectThat(
      finals.every((entry) => entry.status === 'approved'),
      'every member case is approved',
    );

    // 4. Every member approved: the lead case is completed (办结).
    const completion = await client.cases.complete(leadCaseNo, { version: 3, result: 'done', completedAt: now() });
    expectThat(completion.status === 'sent' && completion.result.status === 'completed', 'the lead case completed');

    // 5. The timeline of the whole group, from the platform's event records.
    const events: CaseEvent[] = [];
    for (const caseNo of [leadCaseNo, ...related.map((member) => member.caseNo)]) {
      events.push(...(await client.cases.events(caseNo)));
    }
    events.sort((a, b) => a.recordedAt.localeCompare(b.recordedAt) || a.caseNo.localeCompare(b.caseNo));
    console.log('timeline:');
    for (const event of events) {
      const who = event.handler?.department?.name ?? event.handler?.name ?? '';
      console.log(
        `  ${event.recordedAt}  ${event.caseNo.padEnd(19)} v${event.version} ${event.status.padEnd(19)} ${who}`,
      );
    }
    const leadEvents = events.filter((event) => event.caseNo === leadCaseNo).map((event) => event.status);
    expectThat(leadEvents.at(-1) === 'completed', 'the lead case ends completed');
    console.log(`OK parallel-approval: ${related.length} departments approved, lead case ${leadCaseNo} completed`);
  } finally {
    await sim.close();
  }
}

main().catch((error: unknown) => {
  console.error(`FAILED parallel-approval: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
