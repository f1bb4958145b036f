// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The technical side of a message, one click away: what a developer or a support forum needs (the
 * field's name, the encoding, the exact rule) stays out of the sentence the person reads first,
 * behind a "Details" disclosure. Renders nothing without a text.
 */

export function Details({ text }: { readonly text: string | null | undefined }) {
  if (!text) return null;
  return (
    <details className="details">
      <summary>Details</summary>
      <p className="details-text">{text}</p>
    </details>
  );
}
