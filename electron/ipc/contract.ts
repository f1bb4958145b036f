// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The IPC contract between the main process and the renderer: channel names, each channel's
 * request and response, the `Result` every answer comes in, and the `window.tessera` API shape.
 * The payloads are the domain's shapes, imported from electron/domain where they are used; the
 * contract adds only the wire (contract/channels.ts) and the API the preload exposes
 * (contract/api.ts). This file is the one module the preload, the renderer and main import it through.
 *
 * It imports the domain alone, so the preload, the renderer (type-only) and the main process can all
 * include it. Nothing in here may ever carry an OTP secret or a key: the renderer sees entry
 * metadata, codes and validity windows only.
 */
export {
  EVENT_CHANNELS,
  INVOKE_CHANNELS,
  isEventChannel,
  isInvokeChannel,
  type EventChannel,
  type EventContract,
  type InvokeChannel,
  type InvokeContract,
  type RequestOf,
  type ResponseOf,
  type Result,
} from './contract/channels';
export { API_NAMESPACES, API_VERBS, type TesseraApi, type Unsubscribe } from './contract/api';
