import type { CommandSpec } from '../src/runtime/command.js';
import { accessCommand } from './access.js';
import { alertsCommand } from './alerts.js';
import { auditCommand } from './audit.js';
import { balanceGroup } from './balance.js';
import { configCommand } from './config.js';
import { customerCommand } from './customer.js';
import { createHelpCommand } from './help.js';
import { journalCommand } from './journal.js';
import { linkCommand } from './link.js';
import { myCommand } from './my.js';
import { orderCommand } from './order.js';
import { passwordCommand } from './password.js';
import { resellerCommand } from './reseller.js';
import { createSpendCommand } from './spend.js';
import { usageCommand } from './usage.js';

/** Every command, in help order. Explicit: no file-system autoloading. */
export const commands: readonly CommandSpec[] = [
  customerCommand,
  balanceGroup,
  passwordCommand,
  configCommand,
  usageCommand,
  resellerCommand,
  orderCommand,
  alertsCommand,
  accessCommand,
  linkCommand,
  auditCommand,
  journalCommand,
  createSpendCommand(() => commands),
  myCommand,
  createHelpCommand(() => commands),
];
