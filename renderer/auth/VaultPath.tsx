// SPDX-License-Identifier: GPL-3.0-or-later
/** Where the vault file is, under the card of the first-run and unlock screens. */

export function VaultPath({ path }: { path: string }) {
  return (
    <p className="vault-path">
      Vault file: <code>{path}</code>
    </p>
  );
}
