// SPDX-License-Identifier: GPL-3.0-or-later
/** The coloured letter tile of an entry; its colour comes from a hash of the issuer. */
import { issuerColor, issuerLetter } from './issuer-color';

export function IssuerTile({ issuer, account }: { issuer: string; account: string }) {
  return (
    <span className="tile" style={{ backgroundColor: issuerColor(issuer || account) }} aria-hidden="true">
      {issuerLetter(issuer, account)}
    </span>
  );
}
