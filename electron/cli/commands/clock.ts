// SPDX-License-Identifier: GPL-3.0-or-later
/** The spec of `tessera clock`, for parsing and help; its body, run/clock.ts, is imported only when it runs. */
import { lazyRun, NO_POSITIONALS, type Command } from '../command';

export const clockCommand: Command = {
  name: 'clock',
  summary: "Check this computer's clock against a time server.",
  usage: ['clock [--server HOST[:PORT]] [--json]'],
  details:
    'Sends one SNTP query (UDP port 123) and prints how far this computer’s clock is off: sites may\n' +
    'refuse codes when it is off by more than about 15 seconds. The server is --server, else the\n' +
    'desktop app’s setting (default pool.ntp.org); when the app’s check is turned off, only --server\n' +
    'queries. An IPv6 address takes brackets before a port: [2001:db8::1]:123.',
  options: {
    server: { type: 'string', value: 'HOST[:PORT]', help: 'the time server (default: the desktop app’s)' },
    json: { type: 'boolean', help: 'print {"server", "offsetMs", "roundTripMs"} (see docs/cli.md)' },
  },
  positionals: NO_POSITIONALS,
  run: lazyRun(() => import('./run/clock')),
};
