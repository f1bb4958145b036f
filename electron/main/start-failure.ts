// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * What Tessera says when a start-up step throws: a plain sentence for the person, the error's name
 * and message as details. Nothing secret exists yet at start-up (no password has been typed and the
 * vault has not been opened), so the details may be shown.
 */

export const START_FAILED_TITLE = 'Tessera could not start';

export interface StartFailureReport {
  readonly title: string;
  /** The dialog's text: what happened, what to do, then the details. */
  readonly message: string;
  /** One line for the log (stderr). */
  readonly logLine: string;
}

export function startFailureReport(error: unknown): StartFailureReport {
  const details = error instanceof Error ? `${error.name}: ${error.message}` : `thrown value: ${String(error)}`;
  return {
    title: START_FAILED_TITLE,
    message:
      'Something went wrong while Tessera was starting, so it has closed. Your vault was not changed. ' +
      'Start Tessera again; if this keeps happening, please report it with the details below.\n\n' +
      `Details: ${details}`,
    logLine: `[main] ${START_FAILED_TITLE}: ${details}`,
  };
}
