// SPDX-License-Identifier: GPL-3.0-or-later
/** A form-level error (one not tied to a field), announced when it appears. */
import { AlertIcon } from './Icons';

export function FormAlert({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div className="form-alert" role="alert">
      <AlertIcon />
      <span>{message}</span>
    </div>
  );
}
