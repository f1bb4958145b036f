// SPDX-License-Identifier: GPL-3.0-or-later
/** Shown until main reports the vault status, or when it could not. */
import type { IpcError } from '../../electron/domain';
import { BusyNote } from '../shared/BusyNote';
import { FormAlert } from '../shared/FormAlert';
import { AuthLayout } from './AuthLayout';

export function StartupScreen({ error }: { error: IpcError | null }) {
  return (
    <AuthLayout title="Tessera">
      {error ? <FormAlert message={error.message} /> : <BusyNote label="Opening…" />}
    </AuthLayout>
  );
}
