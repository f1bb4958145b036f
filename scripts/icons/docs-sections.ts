// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The generated parts of docs/icons.md, in Markdown: the credits of the bundled icon set (each set
 * with its version, licence and home; each icon whose own licence differs from its set's —
 * simple-icons records some, and CC BY and CC BY-SA ask for this attribution) and Tessera's alias
 * table. The build also ships the credits beside the data as out/main/icons/NOTICE.md, so the
 * packaged app carries them. docs/icons.md holds each between two markers;
 * `node scripts/run-ts.mjs scripts/icons/write-docs.ts` rewrites them and
 * test/electron/icons/bundled-docs.test.ts fails when they are stale.
 */
import type { BundledIndex } from '../../electron/icons/bundled-format';
import type { IconAlias } from './aliases';

export type DocSection = 'icon-credits' | 'icon-aliases';

export function sectionStart(name: DocSection): string {
  return `<!-- ${name}:start (generated: node scripts/run-ts.mjs scripts/icons/write-docs.ts) -->`;
}

export function sectionEnd(name: DocSection): string {
  return `<!-- ${name}:end -->`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');
}

/** The credits as Markdown. */
export function renderIconCredits(index: BundledIndex): string {
  const lines = [
    '| set | version | licence | icons | home |',
    '| --- | --- | --- | --- | --- |',
    ...index.sets.map(
      (s) => `| ${s.name} (\`${s.package}\`) | ${s.version} | ${s.licence} | ${s.icons} | <${s.homepage}> |`,
    ),
    '',
    `These ${index.credits.length} icons of Simple Icons carry a licence of their own, as Simple Icons records it:`,
    '',
    '| icon | licence | source |',
    '| --- | --- | --- |',
    ...index.credits.map((c) => `| ${cell(c.title)} | ${c.licence} | <${c.source}> |`),
    '',
    'All product names, logos and brands are the property of their owners. Tessera shows them only so',
    'that you can tell your accounts apart; this implies no endorsement.',
  ];
  return `${lines.join('\n')}\n`;
}

/** Tessera's alias table as Markdown, with each target's title. */
export function renderAliasTable(index: BundledIndex, aliases: readonly IconAlias[]): string {
  const titles = new Map(index.icons.map(([id, title]) => [id, title]));
  const lines = [
    '| icon | also found by the names | and the domains |',
    '| --- | --- | --- |',
    ...aliases.map(
      (a) =>
        `| ${cell(titles.get(a.id) ?? a.id)} | ${cell((a.names ?? []).join(', ')) || '—'} | ${cell((a.domains ?? []).join(', ')) || '—'} |`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

/** `doc` with the text between a section's markers replaced. @throws when a marker is missing. */
export function withSection(doc: string, name: DocSection, text: string): string {
  const start = doc.indexOf(sectionStart(name));
  const end = doc.indexOf(sectionEnd(name));
  if (start < 0 || end < start) throw new Error(`docs/icons.md has no ${name} markers.`);
  return `${doc.slice(0, start + sectionStart(name).length)}\n\n${text}\n${doc.slice(end)}`;
}
