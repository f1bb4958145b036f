// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The KeePass XML inside a KDBX payload → the small model of model.ts. Parsed with fast-xml-parser
 * in document order (`preserveOrder`), because protected values consume the inner random stream in
 * the order they appear: every element marked `Protected="True"` — entry fields, history entries'
 * fields, KDBX 3.1's attachment pool — takes as many keystream bytes as its base64 holds. Values
 * the caller does not want (`wantField`: passwords, custom fields) and everything inside `History`
 * are passed over without being decrypted.
 *
 * The caller measures the text first (prescan's chargeXml, {@link xmlDepth}) and refuses a DOCTYPE.
 *
 * @see keepassxreboot/keepassxc src/format/KdbxXmlReader.cpp
 */
import { XMLParser } from 'fast-xml-parser';
import { wipe } from './bytes';
import { corrupt } from './errors';
import type { InnerStream } from './inner-stream';
import type { KdbxDatabase, KdbxEntry, KdbxField, KdbxGroup } from './model';

/** Entity and character references the parser may expand (the caller's budget counts them first). */
const MAX_EXPANSIONS = 1_000_000;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: { enabled: true, maxTotalExpansions: MAX_EXPANSIONS },
  // Numeric references such as `&#13;` (KeePassXC writes a CR in notes so) are decoded only with this
  // on; it also admits HTML's named entities, which KeePass never writes and which do no harm.
  htmlEntities: true,
});

/** One node of fast-xml-parser's ordered output: `{ tag: children, ':@'?: attributes }` or `{ '#text': text }`. */
type XNode = Record<string, unknown>;

export interface XmlReadOptions {
  readonly stream: InnerStream;
  /** Which string fields to keep (and, when protected, decrypt); default all. */
  readonly wantField?: (key: string) => boolean;
}

/** Deepest element nesting of an XML text, measured without parsing (errs on the high side). */
export function xmlDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let i = text.indexOf('<');
  while (i >= 0) {
    const next = text.charCodeAt(i + 1);
    if (next === 0x2f /* / */) {
      depth--;
    } else if (next === 0x21 /* ! */ || next === 0x3f /* ? */) {
      // comment, CDATA, declaration, processing instruction: no nesting
      const end = text.startsWith('<!--', i) ? '-->' : text.startsWith('<![CDATA[', i) ? ']]>' : '>';
      const at = text.indexOf(end, i + 2);
      if (at < 0) break;
      i = text.indexOf('<', at + end.length);
      continue;
    } else {
      const close = text.indexOf('>', i);
      if (close < 0) break;
      if (text.charCodeAt(close - 1) !== 0x2f /* self-closing */ && ++depth > deepest) deepest = depth;
    }
    i = text.indexOf('<', i + 1);
  }
  return deepest;
}

/**
 * Reads the database model from the XML text.
 * @throws KdbxError `corrupt` when the XML is malformed or not a KeePass database.
 */
export function readKeePassXml(text: string, options: XmlReadOptions): KdbxDatabase {
  let doc: unknown;
  try {
    doc = parser.parse(text, true);
  } catch (cause) {
    throw corrupt('its content is not valid XML', cause instanceof Error ? cause.message.slice(0, 200) : undefined);
  }
  const top = Array.isArray(doc) ? (doc as XNode[]).find((n) => tagOf(n) !== '#text') : undefined;
  if (top === undefined || tagOf(top) !== 'KeePassFile') throw corrupt('its content is not a KeePass database');
  return new Reader(options).file(top);
}

interface DraftEntry {
  uuid: string;
  fields: Map<string, KdbxField>;
  tags: string[];
  groupPath: string[];
  groupChain: string[];
}

interface DraftGroup {
  uuid: string;
  name: string;
  entries: DraftEntry[];
  groups: DraftGroup[];
}

class Reader {
  private readonly stream: InnerStream;
  private readonly want: (key: string) => boolean;
  private readonly entries: DraftEntry[] = [];
  private generator = '';
  private name = '';
  private recycleBin: string | null = null;
  private headerHash: Uint8Array | null = null;

  constructor(options: XmlReadOptions) {
    this.stream = options.stream;
    this.want = options.wantField ?? (() => true);
  }

  file(node: XNode): KdbxDatabase {
    let root: DraftGroup | null = null;
    for (const child of children(node)) {
      const tag = tagOf(child);
      if (tag === 'Meta') this.meta(child);
      else if (tag === 'Root' && root === null) root = this.root(child);
      else this.skip(child);
    }
    const recycleBin = this.recycleBin;
    const finish = (e: DraftEntry): KdbxEntry => ({
      uuid: e.uuid,
      fields: e.fields,
      tags: e.tags,
      groupPath: e.groupPath,
      inRecycleBin: recycleBin !== null && e.groupChain.includes(recycleBin),
    });
    const done = new Map(this.entries.map((e) => [e, finish(e)] as const));
    const group = (g: DraftGroup): KdbxGroup => ({
      uuid: g.uuid,
      name: g.name,
      entries: g.entries.map((e) => done.get(e) ?? finish(e)),
      groups: g.groups.map(group),
    });
    return {
      generator: this.generator,
      name: this.name,
      recycleBinUuid: recycleBin,
      headerHash: this.headerHash,
      root: root === null ? null : group(root),
      entries: [...done.values()],
    };
  }

  private meta(node: XNode): void {
    for (const child of children(node)) {
      switch (tagOf(child)) {
        case 'Generator':
          this.generator = plainText(child);
          break;
        case 'DatabaseName':
          this.name = plainText(child);
          break;
        case 'RecycleBinUUID':
          this.recycleBin = uuidOf(plainText(child)) || null;
          if (this.recycleBin === ZERO_UUID) this.recycleBin = null;
          break;
        case 'HeaderHash':
          this.headerHash = base64Bytes(plainText(child).replace(/\s/g, ''));
          break;
        default:
          this.skip(child);
      }
    }
  }

  private root(node: XNode): DraftGroup | null {
    let root: DraftGroup | null = null;
    for (const child of children(node)) {
      if (tagOf(child) === 'Group' && root === null) root = this.group(child, [], [], true);
      else this.skip(child);
    }
    return root;
  }

  private group(
    node: XNode,
    parentPath: readonly string[],
    parentChain: readonly string[],
    isRoot: boolean,
  ): DraftGroup {
    const kids = children(node);
    // UUID and Name first (they are never protected), so entries before them still get their path.
    const uuid = uuidOf(plainText(kids.find((k) => tagOf(k) === 'UUID')));
    const name = plainText(kids.find((k) => tagOf(k) === 'Name'));
    const path = isRoot ? [] : [...parentPath, name];
    const chain = [...parentChain, uuid];
    const group: DraftGroup = { uuid, name, entries: [], groups: [] };
    for (const child of kids) {
      const tag = tagOf(child);
      if (tag === 'Entry') group.entries.push(this.entry(child, path, chain));
      else if (tag === 'Group') group.groups.push(this.group(child, path, chain, false));
      else if (tag !== 'UUID' && tag !== 'Name') this.skip(child);
    }
    return group;
  }

  private entry(node: XNode, groupPath: string[], groupChain: string[]): DraftEntry {
    const entry: DraftEntry = { uuid: '', fields: new Map(), tags: [], groupPath, groupChain };
    for (const child of children(node)) {
      switch (tagOf(child)) {
        case 'UUID':
          entry.uuid = uuidOf(plainText(child));
          break;
        case 'Tags':
          entry.tags = plainText(child)
            .split(/[,;]/)
            .map((t) => t.trim())
            .filter((t) => t !== '');
          break;
        case 'String':
          this.string(child, entry.fields);
          break;
        default:
          this.skip(child); // Times, Binary, AutoType, CustomData, History: keystream passed over
      }
    }
    this.entries.push(entry);
    return entry;
  }

  private string(node: XNode, fields: Map<string, KdbxField>): void {
    let key: string | null = null;
    let field: KdbxField | null = null;
    for (const child of children(node)) {
      const tag = tagOf(child);
      if (tag === 'Key' && key === null) {
        key = plainText(child);
      } else if (tag === 'Value' && field === null) {
        const isProtected = flag(child, 'Protected');
        if (!isProtected) {
          field = { value: plainText(child), protected: flag(child, 'ProtectInMemory') };
        } else if (key !== null && !this.want(key)) {
          this.stream.skip(protectedLength(child));
          field = { value: '', protected: true };
        } else {
          field = { value: this.unprotect(child), protected: true };
        }
      } else {
        this.skip(child);
      }
    }
    if (key !== null && field !== null && !fields.has(key) && this.want(key)) fields.set(key, field);
  }

  private unprotect(node: XNode): string {
    const bytes = base64Bytes(compact(plainText(node)));
    if (bytes === null) throw corrupt('a protected field is malformed', 'protected value is not base64');
    this.stream.xor(bytes);
    const value = utf8.decode(bytes);
    wipe(bytes);
    return value;
  }

  /** Passes over a subtree, consuming the keystream of each protected value in it. */
  private skip(node: XNode): void {
    const tag = tagOf(node);
    if (tag === null || tag === '#text') return;
    if (flag(node, 'Protected')) {
      this.stream.skip(protectedLength(node));
      return;
    }
    for (const child of children(node)) this.skip(child);
  }
}

const ZERO_UUID = '00000000000000000000000000000000';

const utf8 = new TextDecoder('utf-8');

function tagOf(node: XNode | undefined): string | null {
  if (node === undefined || node === null || typeof node !== 'object') return null;
  for (const key of Object.keys(node)) if (key !== ':@') return key;
  return null;
}

function children(node: XNode): XNode[] {
  const tag = tagOf(node);
  const value = tag === null ? undefined : node[tag];
  return Array.isArray(value) ? (value as XNode[]) : [];
}

/** The text directly inside an element ('' when absent). */
function plainText(node: XNode | undefined): string {
  if (node === undefined) return '';
  let text = '';
  for (const child of children(node)) {
    const t = child['#text'];
    if (typeof t === 'string') text += t;
    else if (typeof t === 'number') text += String(t);
  }
  return text;
}

function flag(node: XNode, name: string): boolean {
  const attrs = node[':@'];
  if (attrs === null || typeof attrs !== 'object') return false;
  const value = (attrs as Record<string, unknown>)[`@${name}`];
  return typeof value === 'string' && value.trim().toLowerCase() === 'true';
}

function compact(text: string): string {
  return text.replace(/[\s]/g, '');
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Standard base64 with padding (as KeePass writes it), or null. */
function base64Bytes(text: string): Uint8Array | null {
  if (text.length % 4 !== 0 || !BASE64.test(text)) return null;
  return new Uint8Array(Buffer.from(text, 'base64'));
}

/** How many keystream bytes a protected element takes: the length its base64 decodes to. */
function protectedLength(node: XNode): number {
  const text = compact(plainText(node));
  if (text.length % 4 !== 0 || !BASE64.test(text))
    throw corrupt('a protected field is malformed', 'protected value is not base64');
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return (text.length / 4) * 3 - padding;
}

/** A KeePass UUID (base64 of 16 bytes) as 32 hex digits, or '' when it is not one. */
function uuidOf(text: string): string {
  const bytes = base64Bytes(compact(text));
  return bytes !== null && bytes.length === 16 ? Buffer.from(bytes).toString('hex') : '';
}
