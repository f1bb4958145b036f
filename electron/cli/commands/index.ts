// SPDX-License-Identifier: GPL-3.0-or-later
/** The CLI's commands, in the order help lists them. Nothing else names them. */
import type { Command } from '../command';
import { addCommand } from './add';
import { clockCommand } from './clock';
import { codeCommand } from './code';
import { exportCommand } from './export';
import { importCommand } from './import';
import { infoCommand } from './info';
import { initCommand } from './init';
import { listCommand } from './list';
import { passwdCommand } from './passwd';
import { recoveryKeyCommand } from './recovery-key';
import { removeCommand } from './remove';
import { restoreCommand } from './restore';
import { scanCommand } from './scan';

export const COMMANDS: readonly Command[] = Object.freeze([
  initCommand,
  addCommand,
  listCommand,
  codeCommand,
  clockCommand,
  scanCommand,
  importCommand,
  restoreCommand,
  exportCommand,
  removeCommand,
  passwdCommand,
  recoveryKeyCommand,
  infoCommand,
]);

/** The command with this name, if any. */
export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name);
}
