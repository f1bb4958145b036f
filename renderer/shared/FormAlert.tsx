// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * A form-level error (one not tied to a field), announced when it appears: the plain sentence first,
 * its technical detail (if any) behind "Details".
 */
import { Details } from './Details';
import { AlertIcon } from './Icons';

export function FormAlert({ message, details }: { message: string | null; details?: string | undefined }) {
  if (!message) return null;
  return (
    <div className="form-alert" role="alert">
      <AlertIcon />
      <div className="form-alert-body">
        <span>{message}</span>
        <Details text={details} />
      </div>
    </div>
  );
}
