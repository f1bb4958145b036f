// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * What protects the vault and where it is: how costly each guess at the master password is, in
 * words (the Argon2id parameters of the open vault behind "Details"), and its file.
 */
import { Details } from '../shared/Details';
import { useVaultStore } from '../shared/vault-store';
import { SettingsSection } from './SettingsSection';

const MIB = 1024 * 1024;

function memoryText(memlimitBytes: number, unit: string): string {
  const amount = memlimitBytes % MIB === 0 ? `${memlimitBytes / MIB}` : (memlimitBytes / MIB).toFixed(1);
  return `${amount} ${unit}`;
}

/** "Argon2id, 3 passes, 256 MiB of memory per guess": the technical detail. */
export function kdfText(opslimit: number, memlimitBytes: number): string {
  return `Argon2id, ${opslimit} ${opslimit === 1 ? 'pass' : 'passes'}, ${memoryText(memlimitBytes, 'MiB')} of memory per guess`;
}

/** The same in plain words: what each guess at the password costs, and what that means. */
export function kdfPlainText(opslimit: number, memlimitBytes: number): string {
  const times = opslimit === 1 ? 'once' : `${opslimit} times`;
  return `Each guess at your master password takes ${memoryText(memlimitBytes, 'MB')} of memory, worked through ${times}: guessing it is slow.`;
}

export function VaultFacts() {
  const status = useVaultStore((s) => s.status);
  if (status?.status !== 'unlocked') return null;
  const { opslimit, memlimitBytes } = status.kdf;
  return (
    <SettingsSection section="vault">
      <dl className="facts">
        <dt>Password protection</dt>
        <dd>
          {kdfPlainText(opslimit, memlimitBytes)}
          <Details text={kdfText(opslimit, memlimitBytes)} />
        </dd>
        <dt>File</dt>
        <dd>
          <code>{status.path}</code>
        </dd>
      </dl>
    </SettingsSection>
  );
}
