// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The tile of an account: its issuer icon when main resolved one (`icon`, an IconRef) and its picture
 * has arrived (renderer/icons/icons-store.ts), else the coloured letter tile (its colour from a hash
 * of the issuer). The picture and the letter share one box, the `.tile` of the row's view, so a
 * picture arriving moves nothing. A one-colour glyph (`kind: 'path'`) is drawn here as an inline
 * `<svg>`, so nothing but the path's `d` comes from the data; an image (`kind: 'image'`, a `data:`
 * URL main checked, and sanitised when SVG) goes into an `<img>`, where an SVG can run no script and
 * load nothing. Decorative: the row's accessible name already says the issuer.
 */
import type { IconImage, IconRef } from '../../electron/domain';
import { useIconPicture } from '../icons/icons-store';
import { iconKey } from './domain-values';
import { issuerColor, issuerLetter } from './issuer-color';

export interface IssuerTileProps {
  readonly issuer: string;
  readonly account: string;
  /** The icon the account shows (`EntrySummary.shownIcon`); null or absent: the letter tile. */
  readonly icon?: IconRef | null;
}

export function IssuerTile({ issuer, account, icon = null }: IssuerTileProps) {
  const picture = useIconPicture(icon);
  if (picture) return <IconTile picture={picture} />;
  return <LetterTile issuer={issuer} account={account} loading={icon !== null && picture === undefined} />;
}

interface LetterTileProps {
  readonly issuer: string;
  readonly account: string;
  /** Stands in for a picture that has not arrived (marked for tests and the benchmark). */
  readonly loading?: boolean;
}

/** The coloured letter tile: while a picture loads, when there is none, and for "Letter tile". */
export function LetterTile({ issuer, account, loading = false }: LetterTileProps) {
  return (
    <span
      className="tile"
      style={{ backgroundColor: issuerColor(issuer || account) }}
      data-icon-loading={loading ? '' : undefined}
      aria-hidden="true"
    >
      {issuerLetter(issuer, account)}
    </span>
  );
}

/** A picture on its tile: a glyph in the foreground colour, or an image, on the picture's background. */
export function IconTile({ picture }: { readonly picture: IconImage }) {
  return (
    <span
      className="tile tile-picture"
      style={{ backgroundColor: picture.background }}
      data-icon={iconKey(picture.ref)}
      aria-hidden="true"
    >
      {picture.kind === 'path' ? (
        <svg className="tile-glyph" viewBox="0 0 24 24" focusable="false" aria-hidden="true">
          <path d={picture.path} fill={picture.foreground} />
        </svg>
      ) : (
        <img className="tile-image" src={picture.dataUrl} alt="" draggable={false} />
      )}
    </span>
  );
}
