// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The config the sync harness gives each Syncthing (test/sync/syncthing-config.ts), checked on the
 * file Debian's Syncthing 1.19.2 generated (`syncthing generate`, fixtures/): nothing that reaches
 * past 127.0.0.1 stays on, the peers and the folder are as asked, Syncthing's other defaults are
 * untouched, and a config that does not look as expected is refused rather than half-edited.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PRIVATE_OPTIONS, configureInstance, readOption, setOption, type InstanceConfig } from './syncthing-config';

const generated = readFileSync(new URL('./fixtures/generated-config-1.19.2.xml', import.meta.url), 'utf8');
const SELF = '7W6LFTA-FTLCKHE-OSLGRJQ-WSY7U7M-DOLELNU-OHTOY5P-PLTGJL4-ZFIGGQX';
const PEER = 'GG4NYGP-GKPJAUU-JJERNFI-K2KX3DM-UBHNCQP-TVMJUAR-L6A4WXN-5ILJTQU';

const config: InstanceConfig = {
  deviceId: SELF,
  name: 'A',
  guiAddress: '127.0.0.1:40001',
  apiKey: 'key-123',
  listenAddress: 'tcp://127.0.0.1:40002',
  peers: [{ deviceId: PEER, name: 'B', address: 'tcp://127.0.0.1:40004' }],
  folder: { id: 'tessera', path: '/tmp/x/A & B <folder>', rescanIntervalS: 5, fsWatcherDelayS: 1 },
};

/** The top-level elements `<tag …>…</tag>` outside `<defaults>`. */
function topLevel(xml: string, tag: string): string[] {
  const outside = xml.replace(/<defaults>[\s\S]*?<\/defaults>/, '');
  const scope = tag === 'device' ? outside.replace(/<folder\b[\s\S]*?<\/folder>/g, '') : outside;
  return scope.match(new RegExp(`<${tag}\\b[^>]*>[\\s\\S]*?</${tag}>`, 'g')) ?? [];
}

describe('configureInstance', () => {
  const xml = configureInstance(generated, config);

  it('turns off everything that would leave this machine, and reporting, upgrades and the browser', () => {
    expect(readOption(generated, 'globalAnnounceEnabled')).toBe('true');
    for (const [name, value] of Object.entries(PRIVATE_OPTIONS)) expect(readOption(xml, name), name).toBe(value);
    expect(PRIVATE_OPTIONS).toMatchObject({
      globalAnnounceEnabled: 'false',
      localAnnounceEnabled: 'false',
      relaysEnabled: 'false',
      natEnabled: 'false',
      urAccepted: '-1',
      crashReportingEnabled: 'false',
      autoUpgradeIntervalH: '0',
      startBrowser: 'false',
    });
    // One listener, on 127.0.0.1 only ("default" would be every interface, QUIC and the relays).
    expect(xml.match(/<listenAddress>[^<]*<\/listenAddress>/g)).toEqual([
      '<listenAddress>tcp://127.0.0.1:40002</listenAddress>',
    ]);
  });

  it('serves the REST API on the given address with the given key, without TLS', () => {
    const gui = topLevel(xml, 'gui');
    expect(gui).toHaveLength(1);
    expect(gui[0]).toContain('<address>127.0.0.1:40001</address>');
    expect(gui[0]).toContain('<apikey>key-123</apikey>');
    expect(gui[0]).toContain('tls="false"');
    expect(xml).not.toContain('GENERATED-API-KEY-PLACEHOLDER000');
  });

  it('introduces the peer by id and static address, and keeps this device as generated', () => {
    const devices = topLevel(xml, 'device');
    expect(devices).toHaveLength(2);
    expect(devices[0]).toMatch(new RegExp(`^<device id="${SELF}" name="A"`));
    expect(devices[0]).toContain('<address>dynamic</address>');
    expect(devices[1]).toMatch(new RegExp(`^<device id="${PEER}"`));
    expect(devices[1]).toContain('name="B"');
    expect(devices[1]).toContain('<address>tcp://127.0.0.1:40004</address>');
  });

  it('shares one send-receive folder with both devices, the watcher on and fast rescans', () => {
    const folders = topLevel(xml, 'folder');
    expect(folders).toHaveLength(1);
    const folder = folders[0]!;
    expect(folder).toContain('id="tessera"');
    expect(folder).toContain('path="/tmp/x/A &amp; B &lt;folder&gt;"');
    expect(folder).toContain('type="sendreceive"');
    expect(folder).toContain('fsWatcherEnabled="true"');
    expect(folder).toContain('fsWatcherDelayS="1"');
    expect(folder).toContain('rescanIntervalS="5"');
    expect(folder.match(/<device id="([^"]+)"/g)).toEqual([`<device id="${SELF}"`, `<device id="${PEER}"`]);
    // The rest of the folder comes from Syncthing's own defaults.
    expect(folder).toContain('<markerName>.stfolder</markerName>');
    expect(folder).toContain('<maxConflicts>10</maxConflicts>');
  });

  it("leaves Syncthing's defaults section as it was", () => {
    const defaults = (x: string) => /<defaults>[\s\S]*<\/defaults>/.exec(x)?.[0];
    expect(defaults(xml)).toBe(defaults(generated));
  });

  it('refuses a config without an option it must set, or with it twice, naming it', () => {
    const without = generated.replace(/<relaysEnabled>true<\/relaysEnabled>/, '');
    expect(() => configureInstance(without, config)).toThrow(/0 <relaysEnabled>/);
    const twice = generated.replace(/(<natEnabled>true<\/natEnabled>)/, '$1$1');
    expect(() => configureInstance(twice, config)).toThrow(/2 <natEnabled>/);
    expect(() => configureInstance(generated.replace(/<defaults>[\s\S]*<\/defaults>/, ''), config)).toThrow(
      /no <defaults>/,
    );
    expect(() => configureInstance(generated, { ...config, deviceId: PEER })).toThrow(/does not list its own device/);
  });

  it('escapes what it writes', () => {
    expect(readOption(setOption(generated, 'listenAddress', 'a<b>&"c'), 'listenAddress')).toBe(
      'a&lt;b&gt;&amp;&quot;c',
    );
  });
});
