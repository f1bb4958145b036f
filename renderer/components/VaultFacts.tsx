// SPDX-License-Identifier: GPL-3.0-or-later
/** What protects the vault and where it is: the Argon2id parameters of the open vault and its file. */
import { useVaultStore } from '../store/vault-store';

const MIB = 1024 * 1024;

/** "Argon2id, 3 passes, 256 MiB of memory per guess". */
export function kdfText(opslimit: number, memlimitBytes: number): string {
  const memory = memlimitBytes % MIB === 0 ? `${memlimitBytes / MIB} MiB` : `${(memlimitBytes / MIB).toFixed(1)} MiB`;
  return `Argon2id, ${opslimit} ${opslimit === 1 ? 'pass' : 'passes'}, ${memory} of memory per guess`;
}

export function VaultFacts() {
  const status = useVaultStore((s) => s.status);
  if (status?.status !== 'unlocked') return null;
  return (
    <section className="settings-section" aria-labelledby="settings-vault">
      <h3 id="settings-vault">Vault</h3>
      <dl className="facts">
        <dt>Key derivation</dt>
        <dd>{kdfText(status.kdf.opslimit, status.kdf.memlimitBytes)}</dd>
        <dt>File</dt>
        <dd>
          <code>{status.path}</code>
        </dd>
      </dl>
    </section>
  );
}
