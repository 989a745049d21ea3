import {
  Catalog,
  type CatalogSource,
  CatalogValidationError,
  type Issue,
  isCatalogError,
  parseCatalogCsv,
  validateCatalog,
} from '@zwfw/catalog';
import { type Command, flagOption, type ParsedArgs, requirePositionals, stringOption } from '../command';
import { type CommandContext, EXIT_CODES } from '../context';
import { CliError } from '../errors';
import { readInputFile } from '../files';

const COMMON_OPTIONS: Command['options'] = {
  json: { type: 'boolean', help: { zh: '输出 JSON', en: 'print JSON' } },
  profile: {
    type: 'string',
    value: 'NAME',
    help: { zh: '校验规则配置（默认 gb39554-observed）', en: 'validation profile (default gb39554-observed)' },
  },
};

/** Reads a catalog file: a catalog document or an array of items (JSON), or a catalog CSV. */
async function readCatalogSource(context: CommandContext, file: string): Promise<CatalogSource> {
  const bytes = await readInputFile(context.io.cwd, file);
  if (/\.csv$/i.test(file)) {
    try {
      return { items: parseCatalogCsv(bytes).items };
    } catch (error) {
      if (error instanceof CatalogValidationError) {
        const lines = error.issues.slice(0, 10).map((issue) => `  ${context.t(issue.message.zh, issue.message.en)}`);
        throw new CliError('ERR_CLI_INPUT', `"${file}": ${error.message}\n${lines.join('\n')}`, { cause: error });
      }
      throw error;
    }
  }
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(bytes).replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new CliError('ERR_CLI_INPUT', `"${file}" is neither JSON nor a .csv file: ${(error as Error).message}.`, {
      cause: error,
    });
  }
  if (Array.isArray(value)) return { items: value };
  if (value && typeof value === 'object' && Array.isArray((value as { items?: unknown }).items)) {
    return value as CatalogSource;
  }
  throw new CliError('ERR_CLI_INPUT', `"${file}" holds no items: expected an array of items or { "items": [...] }.`);
}

function profileOf(args: ParsedArgs): { profile?: string } {
  const profile = stringOption(args, 'profile');
  return profile ? { profile } : {};
}

async function loadCatalog(context: CommandContext, args: ParsedArgs, file: string): Promise<Catalog> {
  const source = await readCatalogSource(context, file);
  try {
    return Catalog.from(source, { ...profileOf(args), onInvalid: 'skip' });
  } catch (error) {
    if (isCatalogError(error)) throw new CliError('ERR_CLI_INPUT', `"${file}": ${error.message}`, { cause: error });
    throw error;
  }
}

function printIssues(context: CommandContext, issues: Issue[], limit: number): void {
  for (const issue of issues.slice(0, limit)) {
    const where = issue.itemCode ? `${issue.itemCode} ` : '';
    const path = issue.path ? ` @ ${issue.path.join('.')}` : '';
    context.out(`  ${where}${issue.code}${path}: ${context.t(issue.message.zh, issue.message.en)}`);
  }
  if (issues.length > limit)
    context.out(context.t(`  …… 另有 ${issues.length - limit} 条`, `  … and ${issues.length - limit} more`));
}

/** `zwfw catalog validate FILE...`: runs every schema and cross-field rule on the items. */
export const catalogValidateCommand: Command = {
  path: ['catalog', 'validate'],
  summary: { zh: '校验事项实施清单（JSON 或 CSV）', en: 'validate implementation lists (JSON or CSV)' },
  positionals: 'FILE...',
  options: {
    ...COMMON_OPTIONS,
    limit: {
      type: 'string',
      value: 'N',
      help: { zh: '最多显示的问题数（默认 50）', en: 'issues shown at most (default 50)' },
    },
  },
  examples: ['zwfw catalog validate hengyang-catalog.json', 'zwfw catalog validate items.csv --json'],
  async run(args, context) {
    const files = requirePositionals(this, args, 1, true);
    const limit = Number(stringOption(args, 'limit') ?? '50');
    let failed = false;
    const reports = [];
    for (const file of files) {
      const source = await readCatalogSource(context, file);
      const report = validateCatalog(source.items, profileOf(args));
      reports.push({ file, ...report });
      if (report.errors.length > 0) failed = true;
      if (flagOption(args, 'json')) continue;
      const { t } = context;
      context.out(
        `${file}: ${t(
          `${report.itemCount} 个事项，${report.validItemCount} 个无错误；${report.errors.length} 个错误，${report.warnings.length} 个警告`,
          `${report.itemCount} items, ${report.validItemCount} without errors; ${report.errors.length} errors, ${report.warnings.length} warnings`,
        )}`,
      );
      if (report.errors.length > 0) {
        context.out(t('错误：', 'Errors:'));
        printIssues(context, report.errors, limit);
      }
      if (report.warnings.length > 0) {
        context.out(t('警告：', 'Warnings:'));
        printIssues(context, report.warnings, limit);
      }
    }
    if (flagOption(args, 'json')) context.out(JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2));
    return failed ? EXIT_CODES.failed : EXIT_CODES.ok;
  },
};

/** `zwfw catalog stats FILE`: counts by type, level, department and division. */
export const catalogStatsCommand: Command = {
  path: ['catalog', 'stats'],
  summary: { zh: '事项统计（按类型、层级、部门、区划）', en: 'item statistics (by type, level, department, division)' },
  positionals: 'FILE',
  options: COMMON_OPTIONS,
  examples: ['zwfw catalog stats hengyang-catalog.json'],
  async run(args, context) {
    const [file] = requirePositionals(this, args, 1) as [string];
    const catalog = await loadCatalog(context, args, file);
    const stats = catalog.statistics();
    if (flagOption(args, 'json')) {
      context.out(JSON.stringify(stats, null, 2));
      return EXIT_CODES.ok;
    }
    context.out(context.t(`共 ${stats.total} 个事项`, `${stats.total} items`));
    for (const line of stats.summary) context.out(`  ${line}`);
    context.out(context.t('按部门（前 10）：', 'By department (top 10):'));
    for (const row of [...stats.byDepartment].sort((a, b) => b.count - a.count).slice(0, 10)) {
      context.out(`  ${String(row.count).padStart(5)}  ${row.name}`);
    }
    if (catalog.rejected.length > 0) {
      context.err(
        context.t(
          `注意：${catalog.rejected.length} 个事项因校验错误未计入（用 zwfw catalog validate 查看）`,
          `Note: ${catalog.rejected.length} items with errors are not counted (see zwfw catalog validate)`,
        ),
      );
    }
    return EXIT_CODES.ok;
  },
};

/** `zwfw catalog diff OLD NEW`: field-level changes between two catalogs. */
export const catalogDiffCommand: Command = {
  path: ['catalog', 'diff'],
  summary: { zh: '比较两个事项清单（字段级）', en: 'compare two catalogs, field by field' },
  positionals: 'OLD NEW',
  options: COMMON_OPTIONS,
  examples: ['zwfw catalog diff catalog-2025.json catalog-2026.json'],
  async run(args, context) {
    const [oldFile, newFile] = requirePositionals(this, args, 2) as [string, string];
    const before = await loadCatalog(context, args, oldFile);
    const after = await loadCatalog(context, args, newFile);
    const diff = before.diff(after);
    if (flagOption(args, 'json')) {
      context.out(JSON.stringify(diff, null, 2));
    } else {
      const { t } = context;
      context.out(
        t(
          `新增 ${diff.added.length}，删除 ${diff.removed.length}，修改 ${diff.changed.length}，未变 ${diff.unchangedCount}`,
          `${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed, ${diff.unchangedCount} unchanged`,
        ),
      );
      for (const item of diff.added) context.out(`  + ${item.implementationCode} ${item.name}`);
      for (const item of diff.removed) context.out(`  - ${item.implementationCode} ${item.name}`);
      for (const item of diff.changed) {
        context.out(`  ~ ${item.code} ${item.name}`);
        for (const change of item.changes.slice(0, 20)) {
          context.out(`      ${change.path.join('.')}: ${short(change.before)} → ${short(change.after)}`);
        }
      }
    }
    const different = diff.added.length + diff.removed.length + diff.changed.length > 0;
    return different ? EXIT_CODES.failed : EXIT_CODES.ok;
  },
};

/** `zwfw catalog readiness FILE`: 最多跑一次, 全程网办, 即办件, time limits, 材料复用. */
export const catalogReadinessCommand: Command = {
  path: ['catalog', 'readiness'],
  summary: {
    zh: '“最多跑一次”“全程网办”就绪度、即办件、时限压缩、材料复用',
    en: 'readiness: at most one visit, fully online, immediate items, time limits, material reuse',
  },
  positionals: 'FILE',
  options: COMMON_OPTIONS,
  examples: ['zwfw catalog readiness hengyang-catalog.json'],
  async run(args, context) {
    const [file] = requirePositionals(this, args, 1) as [string];
    const report = (await loadCatalog(context, args, file)).readiness();
    if (flagOption(args, 'json')) {
      context.out(JSON.stringify(report, null, 2));
      return EXIT_CODES.ok;
    }
    const { t } = context;
    const pct = (share: number) => `${(share * 100).toFixed(1)}%`;
    context.out(t(`事项数：${report.itemCount}`, `Items: ${report.itemCount}`));
    context.out(
      `  ${t('最多跑一次', 'At most one visit')}: ${report.atMostOneVisit.count} (${pct(report.atMostOneVisit.share)})`,
    );
    context.out(
      `  ${t('零跑动/全程网办', 'Zero visits, fully online')}: ${report.zeroVisitFullOnline.count} (${pct(report.zeroVisitFullOnline.share)})`,
    );
    context.out(`  ${t('即办件', 'Immediate items')}: ${report.immediate.count} (${pct(report.immediate.share)})`);
    const limits = report.timeLimitReduction;
    context.out(
      `  ${t('承诺时限较法定时限平均压缩', 'Average reduction of promised vs legal time limits')}: ${pct(limits.averageReduction)} (${t(`${limits.comparableItems} 个可比事项`, `${limits.comparableItems} comparable items`)})`,
    );
    context.out(
      `  ${t('材料复用（可用电子证照替代的材料）', 'Material reuse (materials an e-certificate can replace)')}:`,
    );
    for (const entry of report.materialReuse.slice(0, 10)) {
      context.out(
        `    ${entry.certificateTypeCode}: ${entry.materialNames.join('、')} — ${t(`${entry.itemCount} 个事项`, `${entry.itemCount} items`)}`,
      );
    }
    return EXIT_CODES.ok;
  },
};

function short(value: unknown): string {
  if (value === undefined) return '∅';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
