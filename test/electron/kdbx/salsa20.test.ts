// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Salsa20/20 (electron/kdbx/salsa20.ts) against the eSTREAM test vectors for 256-bit keys
 * ("verified.test-vectors" of the eSTREAM Salsa20 submission: Set 1 vectors 0 and 9, Set 6 vector 0),
 * and its seeking against generating the stream in order.
 */
import { describe, expect, it } from 'vitest';
import { Salsa20 } from '../../../electron/kdbx/salsa20';

const hex = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text.replace(/\s/g, ''), 'hex'));
const toHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex').toUpperCase();

const SET1_V0_KEY = hex('80'.padEnd(64, '0'));
const ZERO_IV = new Uint8Array(8);

describe('Salsa20/20 against eSTREAM', () => {
  it('Set 1, vector 0: stream[0..63], [192..255], [256..319], [448..511] and the xor-digest of 512 bytes', () => {
    const stream = new Salsa20(SET1_V0_KEY, ZERO_IV).keystream(512);
    expect(toHex(stream.subarray(0, 64))).toBe(
      'E3BE8FDD8BECA2E3EA8EF9475B29A6E7003951E1097A5C38D23B7A5FAD9F6844B22C97559E2723C7CBBD3FE4FC8D9A0744652A83E72A9C461876AF4D7EF1A117',
    );
    expect(toHex(stream.subarray(192, 256))).toBe(
      '57BE81F47B17D9AE7C4FF15429A73E10ACF250ED3A90A93C711308A74C6216A9ED84CD126DA7F28E8ABF8BB63517E1CA98E712F4FB2E1A6AED9FDC73291FAA17',
    );
    expect(toHex(stream.subarray(256, 320))).toBe(
      '958211C4BA2EBD5838C635EDB81F513A91A294E194F1C039AEEC657DCE40AA7E7C0AF57CACEFA40C9F14B71A4B3456A63E162EC7D8D10B8FFB1810D71001B618',
    );
    expect(toHex(stream.subarray(448, 512))).toBe(
      '696AFCFD0CDDCC83C7E77F11A649D79ACDC3354E9635FF137E929933A0BD6F5377EFA105A3A4266B7C0D089D08F1E855CC32B15B93784A36E56A76CC64BC8477',
    );
    const digest = new Uint8Array(64);
    for (let at = 0; at < 512; at += 64) for (let i = 0; i < 64; i++) digest[i]! ^= stream[at + i]!;
    expect(toHex(digest)).toBe(
      '50EC2485637DB19C6E795E9C739382806F6DB320FE3D0444D56707D7B456457F3DB3E8D7065AF375A225A70951C8AB744EC4D595E85225F08E2BC03FE1C42567',
    );
  });

  it('Set 1, vector 9 (key 00 40 00 …): stream[0..63] and [192..255]', () => {
    const stream = new Salsa20(hex('0040'.padEnd(64, '0')), ZERO_IV).keystream(256);
    expect(toHex(stream.subarray(0, 64))).toBe(
      '01F191C3A1F2CC6EBED78095A05E062E1228154AF6BAE80A0E1A61DF2AE15FBCC37286440F66780761413F23B0C2C9E4678C628C5E7FB48C6EC1D82D47117D9F',
    );
    expect(toHex(stream.subarray(192, 256))).toBe(
      '86D6F824D58012A14A19858CFE137D768E77597B96A4285D6B65D88A7F1A87784BF1A3E44FC9D3525DDC784F5D99BA222712420181CABAB00C4B91AAEDFF521C',
    );
  });

  it('Set 6, vector 0 (a dense key and nonce): stream[0..31]', () => {
    const salsa = new Salsa20(
      hex('0053A6F94C9FF24598EB3E91E4378ADD3083D6297CCF2275C81B6EC11467BA0D'),
      hex('0D74DB42A91077DE'),
    );
    expect(toHex(salsa.keystream(32))).toBe('F5FAD53F79F9DF58C4AEA0D0ED9A9601F278112CA7180D565B420A48019670EA');
  });
});

describe('Salsa20 seeking and XOR', () => {
  const key = Uint8Array.from({ length: 32 }, (_, i) => i * 7 + 1);
  const nonce = Uint8Array.from({ length: 8 }, (_, i) => i * 5 + 3);

  it('seek(n) gives the bytes the stream has at n, at and between block boundaries', () => {
    const whole = new Salsa20(key, nonce).keystream(1000);
    for (const at of [0, 1, 63, 64, 65, 127, 128, 500, 937]) {
      const s = new Salsa20(key, nonce);
      s.seek(at);
      expect(toHex(s.keystream(1000 - at)), `at ${at}`).toBe(toHex(whole.subarray(at)));
    }
  });

  it('pieces of any size XOR like one piece; XOR twice restores the data', () => {
    const data = Uint8Array.from({ length: 300 }, (_, i) => (i * 31) & 0xff);
    const whole = new Salsa20(key, nonce).xor(Uint8Array.from(data));
    const s = new Salsa20(key, nonce);
    const pieces = [1, 63, 2, 64, 100, 70].map((n, i, all) => {
      const from = all.slice(0, i).reduce((a, b) => a + b, 0);
      return s.xor(data.slice(from, from + n));
    });
    expect(toHex(Uint8Array.from(Buffer.concat(pieces)))).toBe(toHex(whole));
    expect(toHex(new Salsa20(key, nonce).xor(Uint8Array.from(whole)))).toBe(toHex(data));
  });

  it('the 64-bit block counter carries from word 8 into word 9', () => {
    const boundary = 2 ** 32 * 64; // block 2³², the first with word 9 = 1
    const before = new Salsa20(key, nonce);
    before.seek(boundary - 64);
    const run = before.keystream(128);
    const after = new Salsa20(key, nonce);
    after.seek(boundary);
    expect(toHex(after.keystream(64))).toBe(toHex(run.subarray(64)));
    const start = new Salsa20(key, nonce).keystream(64);
    expect(toHex(run.subarray(64))).not.toBe(toHex(start)); // not wrapped around to block 0
  });

  it('refuses keys and nonces of the wrong size', () => {
    expect(() => new Salsa20(new Uint8Array(16), nonce)).toThrow();
    expect(() => new Salsa20(key, new Uint8Array(12))).toThrow();
  });
});
