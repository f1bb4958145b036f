// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The one path every privileged request takes: trusted-sender check → payload validation →
 * handler → `Result`. Pure, so the whole pipeline is unit-tested and the Chromium end-to-end
 * tests drive the very same function that `ipcMain.handle` calls in the app.
 */
import type { InvokeChannel, RequestOf, ResponseOf, Result } from './contract';
import { isInvokeChannel } from './contract';
import { isTrustedSender, type SenderInfo, type TrustPolicy } from './guard';
import { fail } from './result';
import type { Validators } from './validators';

/** A handler per channel; a channel without one does not compile. */
export type Handlers = {
  readonly [C in InvokeChannel]: (request: RequestOf<C>) => Promise<Result<ResponseOf<C>>>;
};

export interface DispatchDeps {
  readonly handlers: Handlers;
  readonly validators: Validators;
  /** Read at call time: the window (and so its webContents id) can be re-created. */
  readonly trust: () => TrustPolicy | null;
  /** Reports refused calls and handler bugs; must not log payloads (they may hold passwords). */
  readonly onRefused?: (channel: string, reason: string) => void;
}

export type Dispatch = (channel: string, event: SenderInfo, payload: unknown) => Promise<Result<unknown>>;

/** Builds the dispatcher that `register.ts` installs on `ipcMain` for every invoke channel. */
export function createDispatch(deps: DispatchDeps): Dispatch {
  return async (channel, event, payload) => {
    if (!isInvokeChannel(channel)) {
      deps.onRefused?.(channel, 'unknown channel');
      return fail('invalid-request', 'Unknown request.');
    }
    const trust = deps.trust();
    if (!trust || !isTrustedSender(event, trust)) {
      deps.onRefused?.(channel, 'untrusted sender');
      return fail('untrusted-sender', 'This request did not come from the Tessera window.');
    }
    return run(channel, payload, deps);
  };
}

async function run<C extends InvokeChannel>(
  channel: C,
  payload: unknown,
  deps: DispatchDeps,
): Promise<Result<unknown>> {
  const validation = deps.validators[channel](payload);
  if (!validation.ok) {
    deps.onRefused?.(channel, 'invalid payload');
    return fail('invalid-request', validation.message);
  }
  const handler = deps.handlers[channel] as (request: RequestOf<C>) => Promise<Result<ResponseOf<C>>>;
  try {
    return await handler(validation.value as RequestOf<C>);
  } catch (error) {
    // A throw here is a bug, not an expected failure: report its type only, never its message,
    // which could quote user input.
    deps.onRefused?.(channel, `handler threw ${error instanceof Error ? error.name : typeof error}`);
    return fail('internal', 'Something went wrong inside Tessera. Your vault was not changed by this request.');
  }
}
