// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The one module that touches `window.tessera`, the API the preload exposes. Everything else in the
 * renderer calls `api()`, so component tests can install an in-memory fake on `window` instead.
 * @see ../electron/ipc/contract.ts for the shape; every call resolves to a `Result`, never throws.
 */
import type { TesseraApi } from '../electron/ipc/contract';

declare global {
  interface Window {
    /** Exposed by the preload through contextBridge; frozen, verbs only. */
    readonly tessera: TesseraApi;
  }
}

/** The privileged API. Read on each call, so a test can swap the fake between renders. */
export function api(): TesseraApi {
  return window.tessera;
}
