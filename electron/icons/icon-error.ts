// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The one error of the icon checks (image-check.ts, sanitise-svg.ts, aegis-pack.ts): a picture or
 * a pack Tessera will not use. Its message is the sentence the user reads; `details` holds the
 * technical reason, for "Details" only. Apart from the checks so each can throw it without a cycle.
 *
 * It is an ImportError of kind `unsupported` (a file the user handed Tessera that it cannot take),
 * so the services' error report (services/error-report.ts) already tells it to the window as
 * `import-failed` with its sentence and details, and an importer that meets it refuses the file.
 */
import { ImportError } from '../import/types';

/** A picture (or pack) Tessera will not use as an icon. `message` is the sentence for the user. */
export class IconError extends ImportError {
  constructor(message: string, details?: string) {
    super('unsupported', message, { details });
    this.name = 'IconError';
  }
}

/** The refusal of anything that is not a PNG, a JPEG or an SVG. */
export const NOT_AN_ICON_MESSAGE = 'Tessera can use a PNG, JPEG or SVG image as an icon. This file is none of those.';
