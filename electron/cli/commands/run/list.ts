// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * `tessera list [--sort ORDER] [--tag TAG]... [--json]`: the entries in the app's order, never
 * their secrets; with `--tag`, only those carrying every tag given (compared as the app compares
 * tags: normal form, ignoring case).
 */
import { CODES_SORTS, isCodesSort, normaliseTag, sortEntries, tagKey, type CodesSort } from '../../../domain';
import type { VaultEntry } from '../../../vault';
import { flag, stringOption, stringsOption, type CommandArgs } from '../../command';
import { withVault, type CommandContext } from '../../context';
import { toListedEntry } from '../../entry-json';
import { UsageError } from '../../errors';
import { cliIconResolver } from '../../icons';
import { formatTable, printable, toJsonLine } from '../../io';
import { shortId } from '../../query';
import { readUsage } from '../../usage';

/** Runs `tessera list` (the spec, options and help are in ../list.ts). */
export async function run(ctx: CommandContext, args: CommandArgs): Promise<void> {
  const sort = sortOption(args);
  const given = tagFilter(args);
  const wanted = given.map(tagKey);
  const json = flag(args, 'json');
  const { entries, total } = await withVault(ctx, async (vault) => {
    const usage = await readUsage(ctx, vault);
    const all = vault.entries();
    const chosen = all.filter((e) => hasTags(e, wanted));
    // The icon is printed only in the JSON: the resolver (packs, bundled set) is loaded only then.
    const icons = json ? cliIconResolver(ctx.io) : null;
    return {
      total: all.length,
      entries: sortEntries(chosen, sort, usage).map((e) => toListedEntry(e, usage, icons?.shownIcon(e) ?? null)),
    };
  });
  if (json) {
    ctx.io.stdout.write(toJsonLine({ entries }));
    return;
  }
  if (total === 0) {
    ctx.io.stderr.write("The vault is empty. Add an account with 'tessera add'.\n");
    return;
  }
  if (entries.length === 0) {
    ctx.io.stderr.write(`No account has the tag${given.length === 1 ? '' : 's'} ${quoteTags(given)}.\n`);
    return;
  }
  const rows = entries.map((e) => [
    shortId(e.id),
    e.type,
    printable(e.issuer) || '-',
    printable(e.account) || '-',
    e.tags.map(printable).join(', '),
  ]);
  ctx.io.stdout.write(formatTable([['ID', 'TYPE', 'ISSUER', 'ACCOUNT', 'TAGS'], ...rows]));
}

/** `--tag`, each in the tags' normal form; an empty one is a usage error (it would match nothing). */
function tagFilter(args: CommandArgs): string[] {
  const tags = stringsOption(args, 'tag').map(normaliseTag);
  if (tags.some((t) => t === '')) throw new UsageError('--tag needs a tag name, e.g. --tag Work.');
  return tags;
}

/** Whether the entry carries every wanted tag (AND), ignoring case and spacing. */
function hasTags(e: VaultEntry, wanted: readonly string[]): boolean {
  if (wanted.length === 0) return true;
  const own = new Set(e.tags.map(tagKey));
  return wanted.every((t) => own.has(t));
}

function quoteTags(tags: readonly string[]): string {
  return tags.map((t) => `“${printable(t)}”`).join(' and ');
}

/** `--sort`, checked before any password is asked; default `manual`. */
function sortOption(args: CommandArgs): CodesSort {
  const value = stringOption(args, 'sort')?.trim().toLowerCase();
  if (value === undefined) return 'manual';
  if (!isCodesSort(value)) {
    throw new UsageError(`Unknown --sort '${value.slice(0, 30)}'. Orders: ${CODES_SORTS.join(', ')}.`);
  }
  return value;
}
