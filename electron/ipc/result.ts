// SPDX-License-Identifier: GPL-3.0-or-later
/** Small constructors for the contract's `Result` so handlers read as what they return. */
import type { IpcError, IpcErrorCode } from '../domain';
import type { Result } from './contract';

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(code: IpcErrorCode, message: string, field?: string): { ok: false; error: IpcError } {
  return { ok: false, error: field === undefined ? { code, message } : { code, message, field } };
}
