import type { Command } from '../command';
import { versionCommand } from './version';

/** Every command of the CLI, in the order the overview lists them. */
export const COMMANDS: Command[] = [versionCommand];
