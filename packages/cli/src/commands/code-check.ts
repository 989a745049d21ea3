import {
  type CheckResult,
  checkBasicCode,
  checkDivisionCode,
  checkHandlingItemCode,
  checkImplementationCode,
  checkResidentId,
  checkUscc,
  type Issue,
  maskPersonalData,
} from '@zwfw/catalog';
import { checkCertificateId } from '@zwfw/certificate';
import { type Command, flagOption, requirePositionals, stringOption } from '../command';
import { type CommandContext, EXIT_CODES } from '../context';
import { CliError } from '../errors';

/** The kinds of code `zwfw code check` recognises. */
export const CODE_KINDS = [
  'uscc',
  'resident-id',
  'division',
  'basic',
  'implementation',
  'handling-item',
  'certificate-id',
] as const;
type CodeKind = (typeof CODE_KINDS)[number];

const KIND_LABELS: Record<CodeKind, { zh: string; en: string }> = {
  uscc: { zh: '统一社会信用代码', en: 'unified social credit code (USCC)' },
  'resident-id': { zh: '公民身份号码', en: 'resident ID number' },
  division: { zh: '行政区划代码', en: 'division code' },
  basic: { zh: '事项基本编码', en: 'basic item code' },
  implementation: { zh: '事项实施编码', en: 'implementation code' },
  'handling-item': { zh: '业务办理项编码', en: 'business-handling-item code' },
  'certificate-id': { zh: '电子证照标识', en: 'e-certificate identifier' },
};

const CHECKS: Record<CodeKind, (code: string, strict: boolean) => CheckResult<unknown>> = {
  uscc: (code) => checkUscc(code),
  'resident-id': (code, strict) => checkResidentId(code, { strict }),
  division: (code) => checkDivisionCode(code),
  basic: (code) => checkBasicCode(code),
  implementation: (code) => checkImplementationCode(code),
  'handling-item': (code) => checkHandlingItemCode(code),
  'certificate-id': (code) => checkCertificateId(code),
};

/** The kinds a code may be, from its shape alone. */
export function candidateKinds(code: string): CodeKind[] {
  const value = code.trim().toUpperCase();
  if (value.startsWith('1.2.156.') || value.includes('.')) return ['certificate-id'];
  switch (value.length) {
    case 6:
      return ['division'];
    case 12:
      return /^\d{12}$/.test(value) ? ['division', 'basic'] : ['basic'];
    case 18:
      return /^\d{17}[\dX]$/.test(value) ? ['resident-id', 'uscc'] : ['uscc'];
    case 31:
      return ['implementation'];
    case 33:
      return ['handling-item'];
    default:
      return [];
  }
}

/** `zwfw code check CODE`: checks a code, recognising its kind by its shape. */
export const codeCheckCommand: Command = {
  path: ['code', 'check'],
  summary: {
    zh: '校验代码（统一社会信用代码、身份证号、行政区划、基本/实施编码、电子证照标识，自动识别）',
    en: 'check a code (USCC, ID number, division, basic/implementation code, certificate identifier; detected)',
  },
  positionals: 'CODE',
  options: {
    kind: { type: 'string', value: CODE_KINDS.join('|'), help: { zh: '指定代码类型', en: 'the kind of code' } },
    strict: {
      type: 'boolean',
      help: { zh: '身份证号：同时校验地址码和出生日期', en: 'ID numbers: also check the address code and birth date' },
    },
    json: { type: 'boolean', help: { zh: '输出 JSON', en: 'print JSON' } },
  },
  examples: [
    'zwfw code check 91430400MA4L16LE8N',
    'zwfw code check 1.2.156.3005.2.11100000000013338W032.11430400MB1F28571X.0000001.001.H',
    'zwfw code check 430421 --kind division',
  ],
  async run(args, context) {
    const [code] = requirePositionals(this, args, 1) as [string];
    const kindOption = stringOption(args, 'kind');
    if (kindOption !== undefined && !(CODE_KINDS as readonly string[]).includes(kindOption)) {
      throw new CliError('ERR_CLI_USAGE', `Unknown --kind "${kindOption}": use one of ${CODE_KINDS.join(', ')}.`);
    }
    const kinds = kindOption ? [kindOption as CodeKind] : candidateKinds(code);
    if (kinds.length === 0) {
      throw new CliError(
        'ERR_CLI_INPUT',
        `Cannot tell what kind of code has ${code.trim().length} characters: give --kind (${CODE_KINDS.join(', ')}).`,
      );
    }
    const strict = flagOption(args, 'strict');
    const results = kinds.map((kind) => ({ kind, result: CHECKS[kind](code.trim(), strict) }));
    const valid = results.filter((entry) => entry.result.valid);
    // Several kinds fit the shape: show the valid ones; when none is valid, show all, so the user sees each reason.
    const shown = valid.length > 0 ? valid : results;
    if (flagOption(args, 'json')) {
      context.out(
        JSON.stringify(
          shown.map(({ kind, result }) => ({ kind, ...redact(kind, result) })),
          null,
          2,
        ),
      );
    } else {
      for (const { kind, result } of shown) printResult(context, kind, code.trim(), result);
    }
    return valid.length > 0 ? EXIT_CODES.ok : EXIT_CODES.failed;
  },
};

function printResult(context: CommandContext, kind: CodeKind, code: string, result: CheckResult<unknown>): void {
  const { t } = context;
  const label = t(KIND_LABELS[kind].zh, KIND_LABELS[kind].en);
  const shown = kind === 'resident-id' ? maskPersonalData(code) : code.toUpperCase();
  context.out(`${result.valid ? t('✔ 有效', '✔ valid') : t('✘ 无效', '✘ invalid')}  ${label}  ${shown}`);
  const parts = redact(kind, result).parts;
  if (parts && typeof parts === 'object') {
    for (const [key, value] of Object.entries(parts)) {
      if (value === undefined || typeof value === 'object') continue;
      context.out(`    ${key}: ${String(value)}`);
    }
  }
  for (const issue of result.issues) printIssue(context, issue);
}

function printIssue(context: CommandContext, issue: Issue): void {
  const mark = issue.severity === 'error' ? context.t('错误', 'error') : context.t('警告', 'warning');
  context.out(`    ${mark} ${issue.code}: ${context.t(issue.message.zh, issue.message.en)}`);
}

/** Personal data never leaves the CLI in clear: an ID number's parts are reduced to the non-identifying ones. */
function redact(kind: CodeKind, result: CheckResult<unknown>): CheckResult<unknown> {
  if (kind !== 'resident-id' || !result.parts) return result;
  const parts = result.parts as { id: string; addressCode: string; kind: string; checkCharacter: string };
  return {
    ...result,
    parts: { id: maskPersonalData(parts.id), addressCode: parts.addressCode, kind: parts.kind },
  };
}
