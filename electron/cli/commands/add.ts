// SPDX-License-Identifier: GPL-3.0-or-later
/** The spec of `tessera add`, for parsing and help; its body, run/add.ts, is imported only when it runs. */
import { lazyRun, type Command } from '../command';

export const addCommand: Command = {
  name: 'add',
  summary: 'Add an account from an otpauth:// link or from its parts.',
  usage: [
    "add 'otpauth://totp/Issuer:account?secret=...'",
    'add --secret B32 [--issuer I] [--account A] [--type totp|hotp|steam] [--algorithm SHA1|SHA256|SHA512]\n' +
      '           [--digits 5-10] [--period SECONDS] [--counter N] [--tag TAG]...',
  ],
  details:
    'Quote the link: it contains & and ?. Arguments are visible to other users of this computer (ps)\n' +
    'and may stay in your shell history; clear it after adding a secret this way.\n' +
    'Defaults: totp, SHA1, 6 digits, 30 s; HOTP counter 0. Steam: 5 characters, SHA1, 30 s.\n' +
    `Tags: up to 20, each at most 64 characters; repeats (ignoring case) count once.\n` +
    'An account already in the vault under the same name with the same secret and code settings is\n' +
    'not added again (exit 4) unless --allow-duplicate is given.',
  options: {
    issuer: { type: 'string', value: 'I', help: 'service name, e.g. GitHub' },
    account: { type: 'string', value: 'A', help: 'account name, e.g. alice@example.com' },
    secret: { type: 'string', value: 'B32', help: 'the base32 key (spaces, hyphens, lower case are fine)' },
    type: { type: 'string', value: 'TYPE', help: 'totp (default), hotp or steam' },
    algorithm: { type: 'string', value: 'ALG', help: 'SHA1 (default), SHA256 or SHA512' },
    digits: { type: 'string', value: 'N', help: 'code length, 5 to 10 (default 6)' },
    period: { type: 'string', value: 'SECONDS', help: 'seconds per code, 1 to 3600 (default 30)' },
    counter: { type: 'string', value: 'N', help: 'HOTP: the next counter value (default 0)' },
    tag: { type: 'string', value: 'TAG', multiple: true, help: 'a tag for the account, e.g. Work (with a URI too)' },
    'allow-duplicate': { type: 'boolean', help: 'add it even when the vault already holds the same account' },
  },
  positionals: { min: 0, max: 1, name: 'URI' },
  run: lazyRun(() => import('./run/add')),
};
