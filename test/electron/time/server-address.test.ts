// SPDX-License-Identifier: GPL-3.0-or-later
/** The time server a user names: host, host:port, IPv4, IPv6 (bracketed before a port). */
import { describe, expect, it } from 'vitest';
import { formatServerAddress, parseServerAddress } from '../../../electron/time/server-address';

describe('time server addresses', () => {
  it.each([
    ['pool.ntp.org', 'pool.ntp.org', 123],
    ['time.example.com:1123', 'time.example.com', 1123],
    ['Time.Example.COM.', 'Time.Example.COM.', 123],
    ['localhost', 'localhost', 123],
    ['127.0.0.1:5123', '127.0.0.1', 5123],
    ['192.0.2.1', '192.0.2.1', 123],
    ['[::1]:5123', '::1', 5123],
    ['[2001:db8::1]', '2001:db8::1', 123],
    ['2001:db8::1', '2001:db8::1', 123],
    ['::1', '::1', 123],
    ['[::ffff:192.0.2.1]:123', '::ffff:192.0.2.1', 123],
  ])('reads %s', (text, host, port) => {
    expect(parseServerAddress(text)).toEqual({ ok: true, value: { host, port } });
  });

  it.each([
    ['', /Enter a time server/],
    ['pool.ntp.org:0', /port/],
    ['pool.ntp.org:65536', /port/],
    ['pool.ntp.org:ntp', /port/],
    ['[::1', /closing/],
    ['[::1]5123', /Only “:port”/],
    ['[pool.ntp.org]:123', /not an IPv6 address/],
    ['[1:2]:123', /not an IPv6 address/],
    ['999.1.1.1', /not a server name/],
    ['-bad.example', /not a server name/],
    ['under_score.example', /not a server name/],
    ['pool ntp.org', /without spaces/],
    ['a'.repeat(300), /without spaces/],
    ['http://pool.ntp.org', /without “http:\/\/”/],
    ['pool.ntp.org/time', /without “http:\/\/”/],
  ])('refuses %j in plain words', (text, message) => {
    const checked = parseServerAddress(text);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.message).toMatch(message);
  });

  it('writes IPv6 in brackets and the port only when it is not 123', () => {
    expect(formatServerAddress({ host: '::1', port: 5123 })).toBe('[::1]:5123');
    expect(formatServerAddress({ host: '::1', port: 123 })).toBe('[::1]');
    expect(formatServerAddress({ host: 'pool.ntp.org', port: 123 })).toBe('pool.ntp.org');
  });
});
