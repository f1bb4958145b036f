// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The worker-thread decoder: same results as decodeQr, from TypeScript (with the built thread body,
 * out/main/qr-worker.js) and from a CommonJS bundle like out/main.
 */
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeQr, swapRedBlue, type RgbaImage } from '../../../../electron/import/qr/decoder';
import { QrError } from '../../../../electron/import/qr/errors';
import { createQrDecodeWorker, QR_WORKER_FILE } from '../../../../electron/import/qr/worker';
import { workerScriptPath } from '../../../../electron/workers/locate';
import { bundleLikeOutMain, entryName, ROOT } from '../../workers/bundle';
import { syntheticScreenshot } from './render';

const TEXTS = [
  'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub',
  'otpauth://hotp/Example:bob?secret=GEZDGNBVGY3TQOJQ&counter=7&issuer=Example',
];

let shot: RgbaImage;
const worker = createQrDecodeWorker({ idleMs: 100 });
afterAll(() => worker.close());

async function screenshot(): Promise<RgbaImage> {
  shot ??= await syntheticScreenshot({ width: 1920, height: 1080, texts: TEXTS, moduleSize: 3, seed: 11 });
  return shot;
}

describe('createQrDecodeWorker', () => {
  it('runs the built thread body (out/main/qr-worker.js) from the sources', () => {
    expect(workerScriptPath(QR_WORKER_FILE)).toBe(path.join(ROOT, 'out', 'main', QR_WORKER_FILE));
  });

  it('finds the same codes as decodeQr, for several decodes at once', async () => {
    const image = await screenshot();
    const inline = await decodeQr(image);
    expect(inline.map((c) => c.text).sort()).toEqual([...TEXTS].sort());
    const results = await Promise.all([worker.decode(image), worker.decode(image), worker.decode(image)]);
    for (const r of results) expect(r).toEqual(inline);
    expect(image.data.byteLength).toBe(1920 * 1080 * 4); // copied, not taken
  });

  it('takes the buffer with transfer, and reads BGRA', async () => {
    const image = await screenshot();
    const bgra = swapRedBlue(image.data);
    const codes = await worker.decode({ ...image, data: bgra }, { transfer: true, pixelOrder: 'bgra' });
    expect(codes.map((c) => c.text).sort()).toEqual([...TEXTS].sort());
    expect(bgra.byteLength).toBe(0); // detached: the pixels now belong to the worker
  });

  it('refuses an oversized image before sending anything', async () => {
    const error = await worker.decode({ data: new Uint8Array(4), width: 30_000, height: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QrError);
    expect((error as QrError).kind).toBe('too-large');
  });

  it('warms up, restarts after the idle exit, and fails pending decodes on close', async () => {
    const own = createQrDecodeWorker({ idleMs: 20 });
    own.warmUp();
    own.warmUp(); // once is enough
    await new Promise((r) => setTimeout(r, 80)); // unused: it exited again
    const image = await screenshot();
    expect(await own.decode(image)).toHaveLength(2);
    await new Promise((r) => setTimeout(r, 80));
    expect(await own.decode(image)).toHaveLength(2);
    const pending = expect(own.decode(image)).rejects.toThrow(/closed/);
    await own.close();
    await pending;
    expect(await own.decode(image)).toHaveLength(2); // closed, then a fresh thread
    await own.close();
  });

  it('stops a decode that takes too long', async () => {
    const own = createQrDecodeWorker({ timeoutMs: 1 });
    await expect(own.decode(await screenshot())).rejects.toThrow(/longer than 1 ms/);
    await own.close();
  });

  it('works from a CommonJS bundle (as electron-vite builds out/main), offline, and lets the process exit', async () => {
    const dir = await bundleLikeOutMain('qr', {
      index: 'electron/import/qr/index.ts',
      [entryName(QR_WORKER_FILE)]: 'electron/import/qr/qr-worker-entry.ts',
    });
    const bundle = path.join(dir, 'index.js');
    // Any attempt to download (zxing-wasm's default is a CDN) fails loudly, in the main thread and the worker.
    const offline = path.join(dir, 'offline.cjs');
    writeFileSync(offline, "globalThis.fetch = () => { throw new Error('no network in tests'); };\n");
    const text = 'otpauth://totp/Bundle:carol?secret=JBSWY3DPEHPK3PXP';
    const script = `
      const { createQrDecodeWorker, decodeQr } = require(${JSON.stringify(bundle)});
      const QRCode = require('qrcode');
      const { modules } = QRCode.create(${JSON.stringify(text)});
      const scale = 4, side = (modules.size + 8) * scale;
      const data = new Uint8Array(side * side * 4).fill(255);
      for (let y = 0; y < side; y++) for (let x = 0; x < side; x++) {
        const r = Math.floor(y / scale) - 4, c = Math.floor(x / scale) - 4;
        if (r >= 0 && c >= 0 && r < modules.size && c < modules.size && modules.get(r, c)) data.fill(0, (y * side + x) * 4, (y * side + x) * 4 + 3);
      }
      const image = { data, width: side, height: side };
      Promise.all([decodeQr(image), createQrDecodeWorker().decode(image)])
        .then((found) => process.stdout.write(JSON.stringify(found.map((codes) => codes.map((c) => c.text)))));`;
    try {
      const out = execFileSync(process.execPath, ['--require', offline, '-e', script], {
        cwd: ROOT,
        timeout: 30_000,
        encoding: 'utf8',
      });
      expect(JSON.parse(out)).toEqual([[text], [text]]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
