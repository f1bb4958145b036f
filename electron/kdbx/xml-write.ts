// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * KeePass XML for a KDBX 4 payload, from a small write model: a root group with entries and
 * subgroups, each entry a list of string fields. Protected fields are XORed with the inner random
 * stream in document order and written in base64 with `Protected="True"`; dates use KDBX 4's form
 * (base64 of the little-endian seconds since 0001-01-01). The layout follows what KeePassXC writes
 * (keepassxreboot/keepassxc src/format/KdbxXmlWriter.cpp), so KeePassXC and KeePass read it as their own.
 */
import { wipe } from './bytes';
import type { InnerStream } from './inner-stream';

export interface WriteField {
  readonly key: string;
  readonly value: string;
  readonly protected?: boolean;
}

export interface WriteEntry {
  readonly fields: readonly WriteField[];
  readonly tags?: readonly string[];
}

export interface WriteGroup {
  readonly name: string;
  readonly entries: readonly WriteEntry[];
  readonly groups: readonly WriteGroup[];
}

export interface WriteDatabase {
  readonly generator: string;
  readonly name: string;
  readonly root: WriteGroup;
}

export interface XmlWriteContext {
  readonly stream: InnerStream;
  /** Random bytes (UUIDs). */
  readonly random: (length: number) => Uint8Array;
  readonly now: Date;
}

/** Seconds from 0001-01-01 to 1970-01-01. */
const EPOCH_OFFSET = 62_135_596_800n;

export function kdbx4Date(date: Date): string {
  const seconds = BigInt(Math.floor(date.getTime() / 1000)) + EPOCH_OFFSET;
  const b = Buffer.alloc(8);
  b.writeBigInt64LE(seconds);
  return b.toString('base64');
}

/** Characters XML 1.0 cannot hold (KeePassXC strips them the same way) and lone surrogates. */
const INVALID_XML =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text for XML content: invalid characters dropped, markup and CR escaped (a CR would read back as LF). */
export function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\r/g, '&#13;');
}

export function keePassXml(db: WriteDatabase, ctx: XmlWriteContext): string {
  const out: string[] = [];
  const date = kdbx4Date(ctx.now);
  const uuid = (): string => Buffer.from(ctx.random(16)).toString('base64');
  const el = (indent: string, tag: string, text: string): void => {
    out.push(text === '' ? `${indent}<${tag}/>` : `${indent}<${tag}>${escapeXml(text)}</${tag}>`);
  };
  const times = (indent: string): void => {
    out.push(`${indent}<Times>`);
    for (const tag of ['LastModificationTime', 'CreationTime', 'LastAccessTime', 'ExpiryTime'])
      el(`${indent}\t`, tag, date);
    el(`${indent}\t`, 'Expires', 'False');
    el(`${indent}\t`, 'UsageCount', '0');
    el(`${indent}\t`, 'LocationChanged', date);
    out.push(`${indent}</Times>`);
  };

  const entry = (e: WriteEntry, indent: string): void => {
    const i = `${indent}\t`;
    out.push(`${indent}<Entry>`);
    el(i, 'UUID', uuid());
    el(i, 'IconID', '0');
    el(i, 'ForegroundColor', '');
    el(i, 'BackgroundColor', '');
    el(i, 'OverrideURL', '');
    el(i, 'Tags', (e.tags ?? []).join(','));
    times(i);
    for (const f of e.fields) {
      out.push(`${i}<String>`);
      el(`${i}\t`, 'Key', f.key);
      if (f.protected === true) {
        const bytes = new Uint8Array(Buffer.from(f.value, 'utf8'));
        ctx.stream.xor(bytes);
        const encoded = Buffer.from(bytes).toString('base64');
        wipe(bytes);
        out.push(
          encoded === '' ? `${i}\t<Value Protected="True"/>` : `${i}\t<Value Protected="True">${encoded}</Value>`,
        );
      } else {
        el(`${i}\t`, 'Value', f.value);
      }
      out.push(`${i}</String>`);
    }
    out.push(`${i}<AutoType>`);
    el(`${i}\t`, 'Enabled', 'True');
    el(`${i}\t`, 'DataTransferObfuscation', '0');
    el(`${i}\t`, 'DefaultSequence', '');
    out.push(`${i}</AutoType>`);
    el(i, 'History', '');
    out.push(`${indent}</Entry>`);
  };

  const group = (g: WriteGroup, indent: string): void => {
    const i = `${indent}\t`;
    out.push(`${indent}<Group>`);
    el(i, 'UUID', uuid());
    el(i, 'Name', g.name);
    el(i, 'Notes', '');
    el(i, 'IconID', '48');
    times(i);
    el(i, 'IsExpanded', 'True');
    el(i, 'DefaultAutoTypeSequence', '');
    el(i, 'EnableAutoType', 'null');
    el(i, 'EnableSearching', 'null');
    el(i, 'LastTopVisibleEntry', 'AAAAAAAAAAAAAAAAAAAAAA==');
    for (const e of g.entries) entry(e, i);
    for (const sub of g.groups) group(sub, i);
    out.push(`${indent}</Group>`);
  };

  out.push('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>', '<KeePassFile>', '\t<Meta>');
  const m = '\t\t';
  el(m, 'Generator', db.generator);
  el(m, 'DatabaseName', db.name);
  el(m, 'DatabaseNameChanged', date);
  el(m, 'DatabaseDescription', '');
  el(m, 'DatabaseDescriptionChanged', date);
  el(m, 'DefaultUserName', '');
  el(m, 'DefaultUserNameChanged', date);
  el(m, 'MaintenanceHistoryDays', '365');
  el(m, 'Color', '');
  el(m, 'MasterKeyChanged', date);
  el(m, 'MasterKeyChangeRec', '-1');
  el(m, 'MasterKeyChangeForce', '-1');
  out.push(`${m}<MemoryProtection>`);
  for (const [tag, on] of [
    ['ProtectTitle', false],
    ['ProtectUserName', false],
    ['ProtectPassword', true],
    ['ProtectURL', false],
    ['ProtectNotes', false],
  ] as const) {
    el(`${m}\t`, tag, on ? 'True' : 'False');
  }
  out.push(`${m}</MemoryProtection>`);
  el(m, 'CustomIcons', '');
  el(m, 'RecycleBinEnabled', 'True');
  el(m, 'RecycleBinUUID', 'AAAAAAAAAAAAAAAAAAAAAA==');
  el(m, 'RecycleBinChanged', date);
  el(m, 'EntryTemplatesGroup', 'AAAAAAAAAAAAAAAAAAAAAA==');
  el(m, 'EntryTemplatesGroupChanged', date);
  el(m, 'LastSelectedGroup', 'AAAAAAAAAAAAAAAAAAAAAA==');
  el(m, 'LastTopVisibleGroup', 'AAAAAAAAAAAAAAAAAAAAAA==');
  el(m, 'HistoryMaxItems', '10');
  el(m, 'HistoryMaxSize', '6291456');
  el(m, 'SettingsChanged', date);
  out.push('\t</Meta>', '\t<Root>');
  group(db.root, '\t\t');
  out.push('\t\t<DeletedObjects/>', '\t</Root>', '</KeePassFile>', '');
  return out.join('\n');
}
