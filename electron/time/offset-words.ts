// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * A clock offset in words for `tessera clock` ("42 seconds behind"); the exact milliseconds go in
 * `--json`. The wording is the domain's (electron/domain/clock-words.ts), shared with the window.
 */
export { clockInWords, spanInWords } from '../domain/clock-words';
