// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Turns the config.xml that `syncthing generate` wrote into the one a sync-test instance runs with:
 * GUI/REST on 127.0.0.1 with our API key, one TCP listener on 127.0.0.1, every way of reaching past
 * this machine off (global and local discovery, relays, NAT traversal, usage and crash reporting,
 * upgrades, the browser), the peers introduced by device ID and static address, and the one shared
 * folder with fast rescans.
 *
 * Pure string work on the generated file, so every default Syncthing itself chose stays as it was
 * (the folder and device templates come from the file's own `<defaults>`), and each edit insists on
 * finding its element exactly once: a Syncthing whose config looks different fails here, loudly,
 * rather than running with an option silently left on.
 */

export interface PeerConfig {
  readonly deviceId: string;
  readonly name: string;
  /** e.g. `tcp://127.0.0.1:40123` */
  readonly address: string;
}

export interface InstanceConfig {
  readonly deviceId: string;
  readonly name: string;
  /** `127.0.0.1:<port>` */
  readonly guiAddress: string;
  readonly apiKey: string;
  /** `tcp://127.0.0.1:<port>` */
  readonly listenAddress: string;
  readonly peers: readonly PeerConfig[];
  readonly folder: {
    readonly id: string;
    readonly path: string;
    readonly rescanIntervalS: number;
    readonly fsWatcherDelayS: number;
  };
}

/** The options set for every instance: nothing leaves 127.0.0.1, nothing is reported, nothing upgrades. */
export const PRIVATE_OPTIONS: Readonly<Record<string, string>> = {
  globalAnnounceEnabled: 'false',
  localAnnounceEnabled: 'false',
  relaysEnabled: 'false',
  natEnabled: 'false',
  urAccepted: '-1',
  crashReportingEnabled: 'false',
  autoUpgradeIntervalH: '0',
  startBrowser: 'false',
  announceLANAddresses: 'false',
  // Redial a peer quickly (the default waits up to 60 s between attempts).
  reconnectionIntervalS: '1',
  // Scan progress and pull progress are not needed and only add events.
  progressUpdateIntervalS: '-1',
};

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function xmlEscape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Replaces the one match of `pattern` in `xml`; throws naming `what` when there is none or several. */
function replaceOnce(xml: string, pattern: RegExp, replacement: string, what: string): string {
  const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  const count = [...xml.matchAll(global)].length;
  if (count !== 1) throw new Error(`Syncthing's config.xml has ${count} ${what} where the sync tests expect one.`);
  return xml.replace(pattern, () => replacement);
}

/** Sets the text of `<options><name>` (present exactly once in the generated file). */
export function setOption(xml: string, name: string, value: string): string {
  const n = escapeRegExp(name);
  return replaceOnce(xml, new RegExp(`<${n}>[^<]*</${n}>`), `<${name}>${xmlEscape(value)}</${name}>`, `<${name}>`);
}

/** The `<options>` text of `name`, or null when absent. */
export function readOption(xml: string, name: string): string | null {
  const options = /<options>([\s\S]*?)<\/options>/.exec(xml)?.[1] ?? '';
  const n = escapeRegExp(name);
  return new RegExp(`<${n}>([^<]*)</${n}>`).exec(options)?.[1] ?? null;
}

/** The element `<tag …>…</tag>` inside `<defaults>` (Syncthing's template for a new folder or device). */
function defaultsTemplate(xml: string, tag: 'folder' | 'device'): string {
  const defaults = /<defaults>([\s\S]*?)<\/defaults>/.exec(xml)?.[1];
  if (!defaults) throw new Error("Syncthing's config.xml has no <defaults> section to copy folders and devices from.");
  // The default folder lists a <device> of its own: the default device is the one outside it.
  const scope = tag === 'device' ? defaults.replace(/<folder\b[^>]*>[\s\S]*?<\/folder>/g, '') : defaults;
  const element = new RegExp(`<${tag}\\b[^>]*>[\\s\\S]*?</${tag}>`).exec(scope)?.[0];
  if (!element) throw new Error(`Syncthing's config.xml has no default <${tag}> to copy.`);
  return element;
}

/** Sets (or adds) attribute `name` on the start tag that begins `element`. */
function setAttribute(element: string, name: string, value: string): string {
  const end = element.indexOf('>');
  const start = element.slice(0, end);
  const attr = new RegExp(`\\s${escapeRegExp(name)}="[^"]*"`);
  const next = attr.test(start)
    ? start.replace(attr, () => ` ${name}="${xmlEscape(value)}"`)
    : `${start} ${name}="${xmlEscape(value)}"`;
  return next + element.slice(end);
}

function deviceElement(template: string, device: { deviceId: string; name: string; address: string }): string {
  let element = setAttribute(template, 'id', device.deviceId);
  element = setAttribute(element, 'name', device.name);
  return element.replace(/<address>[^<]*<\/address>/, `<address>${xmlEscape(device.address)}</address>`);
}

function folderElement(xml: string, config: InstanceConfig): string {
  let element = defaultsTemplate(xml, 'folder');
  const attributes: [string, string][] = [
    ['id', config.folder.id],
    ['label', config.folder.id],
    ['path', config.folder.path],
    ['type', 'sendreceive'],
    ['rescanIntervalS', String(config.folder.rescanIntervalS)],
    ['fsWatcherEnabled', 'true'],
    ['fsWatcherDelayS', String(config.folder.fsWatcherDelayS)],
  ];
  for (const [name, value] of attributes) element = setAttribute(element, name, value);
  const members = [config.deviceId, ...config.peers.map((p) => p.deviceId)]
    .map((id) => `<device id="${xmlEscape(id)}" introducedBy=""><encryptionPassword></encryptionPassword></device>`)
    .join('\n            ');
  element = element.replace(/\s*<device\b[^>]*>[\s\S]*?<\/device>/g, '');
  return element.replace(/(<folder\b[^>]*>)/, `$1\n            ${members}`);
}

/** The config.xml for one instance, from the one `syncthing generate` wrote for it. */
export function configureInstance(generated: string, config: InstanceConfig): string {
  let xml = generated;
  for (const [name, value] of Object.entries(PRIVATE_OPTIONS)) xml = setOption(xml, name, value);
  xml = setOption(xml, 'listenAddress', config.listenAddress);

  xml = replaceOnce(
    xml,
    /<gui\b[^>]*>[\s\S]*?<\/gui>/,
    [
      '<gui enabled="true" tls="false" debugging="false">',
      `        <address>${xmlEscape(config.guiAddress)}</address>`,
      `        <apikey>${xmlEscape(config.apiKey)}</apikey>`,
      '        <theme>default</theme>',
      '    </gui>',
    ].join('\n'),
    '<gui> sections',
  );

  // The top-level devices (before <gui>): this one, as generated, then the peers; then the folder.
  const ownDevice = new RegExp(`<device id="${escapeRegExp(config.deviceId)}"[^>]*>[\\s\\S]*?</device>`);
  const generatedOwn = ownDevice.exec(xml.slice(0, xml.indexOf('<gui')))?.[0];
  if (!generatedOwn) throw new Error(`Syncthing's config.xml does not list its own device ${config.deviceId}.`);
  const template = defaultsTemplate(xml, 'device');
  const added = [
    deviceElement(generatedOwn, { deviceId: config.deviceId, name: config.name, address: 'dynamic' }),
    ...config.peers.map((peer) => deviceElement(template, peer)),
    folderElement(xml, config),
  ].join('\n    ');
  return xml.replace(generatedOwn, () => added);
}
