import type { Command } from '../command';
import { catalogDiffCommand, catalogReadinessCommand, catalogStatsCommand, catalogValidateCommand } from './catalog';
import { certInspectCommand, certIssueCommand } from './cert';
import { codeCheckCommand } from './code-check';
import { demoCommand } from './demo';
import { sealKeygenCommand, sealSignCommand } from './seal';
import { simCommand } from './sim';
import { verifyCommand } from './verify';
import { versionCommand } from './version';

/** Every command of the CLI, in the order the overview lists them. */
export const COMMANDS: Command[] = [
  demoCommand,
  verifyCommand,
  catalogValidateCommand,
  catalogStatsCommand,
  catalogDiffCommand,
  catalogReadinessCommand,
  certIssueCommand,
  certInspectCommand,
  sealKeygenCommand,
  sealSignCommand,
  codeCheckCommand,
  simCommand,
  versionCommand,
];
