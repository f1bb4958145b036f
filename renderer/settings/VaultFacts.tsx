// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * What protects the vault and where it is: how costly each guess at the master password is, in
 * words (the Argon2id parameters of the open vault and the implementation that computed them
 * behind "Details"), and its file.
 */
import type { KdfInfo } from '../../electron/domain';
import { Details } from '../shared/Details';
import { useVaultStore } from '../shared/vault-store';
import { SettingsSection } from './SettingsSection';

const MIB = 1024 * 1024;
/** Tessera's standard protection (KDF_DEFAULT in electron/vault/kdf.ts): 3 passes over 256 MiB. */
const STANDARD = { opslimit: 3, memlimitBytes: 256 * MIB };

function memoryText(memlimitBytes: number, unit: string): string {
  const amount = memlimitBytes % MIB === 0 ? `${memlimitBytes / MIB}` : (memlimitBytes / MIB).toFixed(1);
  return `${amount} ${unit}`;
}

/** "about half a second", "about a second", "about 3 seconds". */
export function durationInWords(ms: number): string {
  if (ms < 350) return 'a fraction of a second';
  if (ms < 750) return 'about half a second';
  if (ms < 1500) return 'about a second';
  return `about ${Math.round(ms / 1000)} seconds`;
}

/** "Argon2id, 3 passes, 256 MiB of memory per guess; computed by …": the technical detail. */
export function kdfText(kdf: KdfInfo): string {
  const { opslimit, memlimitBytes, engine, deriveMs } = kdf;
  const params = `Argon2id, ${opslimit} ${opslimit === 1 ? 'pass' : 'passes'}, ${memoryText(memlimitBytes, 'MiB')} of memory per guess`;
  const measured = deriveMs === null ? '' : ` (${deriveMs} ms when this vault was opened)`;
  if (engine === null) return `${params}.`;
  if (engine.name === 'native') return `${params}; computed by the native Argon2id${measured}.`;
  const why = engine.fallbackReason ? ` because ${engine.fallbackReason}` : '';
  return `${params}; computed by libsodium's WebAssembly Argon2id${why}${measured}.`;
}

/** The same in plain words: how strong it is, and what each guess at the password costs this computer. */
export function kdfPlainText(kdf: KdfInfo): string {
  const strong = kdf.opslimit >= STANDARD.opslimit && kdf.memlimitBytes >= STANDARD.memlimitBytes;
  const memory = memoryText(kdf.memlimitBytes, 'MB');
  const cost =
    kdf.deriveMs === null
      ? `${memory} of memory`
      : `${durationInWords(kdf.deriveMs)} of work for this computer and ${memory} of memory`;
  const sentence = `each guess at your master password costs ${cost}, so trying passwords one after another is slow.`;
  return strong
    ? `Strong: ${sentence}`
    : `Moderate: ${sentence} This computer was too slow for Tessera's standard protection when it was set up; Tessera raises it when an unlock shows the computer can afford more.`;
}

export function VaultFacts() {
  const status = useVaultStore((s) => s.status);
  if (status?.status !== 'unlocked') return null;
  return (
    <SettingsSection section="vault">
      <dl className="facts">
        <dt>Password protection</dt>
        <dd>
          {kdfPlainText(status.kdf)}
          <Details text={kdfText(status.kdf)} />
        </dd>
        <dt>File</dt>
        <dd>
          <code>{status.path}</code>
        </dd>
      </dl>
    </SettingsSection>
  );
}
