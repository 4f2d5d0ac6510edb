import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import type { App } from '../../src/app/boot.js';
import type { CommandContext } from '../../src/runtime/context.js';

function operatorName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'operator';
  }
}

/** The local operator has the owner role (docs/commands.md#the-commands). */
export function terminalContext(app: App, interactionId = `terminal:${randomUUID()}`): CommandContext {
  return {
    actor: { platform: 'terminal', userId: operatorName(), name: operatorName(), role: 'owner' },
    interactionId,
    confirmed: false,
    sandbox: Boolean(app.sandbox),
    services: app.services,
    now: () => new Date(),
  };
}
