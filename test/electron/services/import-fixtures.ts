// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * What the import-service tests share: the desktop services over a real vault in a temp folder
 * (fast fake KDF), a fake desktop whose dialogs, screens and clipboard the test sets, screens made
 * from corpus screenshots or synthetic ones, and the check that no answer carries a secret.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { decodeImage, swapRedBlue, type RgbaImage } from '../../../electron/import/qr';
import type { EventChannel } from '../../../electron/ipc/contract';
import { base32Decode } from '../../../electron/otp';
import type { AppServices } from '../../../electron/services/app-services';
import {
  NO_DESKTOP,
  type CapturedScreen,
  type DesktopImage,
  type DesktopPorts,
} from '../../../electron/services/desktop-ports';
import { corpusFile } from '../../helpers/corpus';
import { FakeClock } from '../../helpers/fake-clock';
import { expectedCorpus } from '../import/expected';
import { testServices } from './test-services';

export const PASSWORD = 'correct horse battery';
/** 2024-01-31 12:00:10 UTC: 20 s left in the 30 s period. */
export const T0 = Date.UTC(2024, 0, 31, 12, 0, 10);

/** A desktop the test drives: what the open dialog answers, the screens, the clipboard. */
export class FakeDesktop implements DesktopPorts {
  /** The open dialog's answer (null: the user cancelled). */
  picked: string[] | null = null;
  pickRequests: Parameters<DesktopPorts['pickFiles']>[0][] = [];
  /** Fresh screens per capture (the worker takes each pixel buffer over). */
  screens: () => Promise<CapturedScreen[]> = async () => [];
  clipboardImage: (() => Promise<DesktopImage>) | null = null;
  clipboardText = '';

  pickFiles = async (options: Parameters<DesktopPorts['pickFiles']>[0]): Promise<string[] | null> => {
    this.pickRequests.push(options);
    return this.picked;
  };
  pickSavePath = NO_DESKTOP.pickSavePath;
  pickFolder = NO_DESKTOP.pickFolder;
  captureScreens = (): Promise<CapturedScreen[]> => this.screens();
  readClipboardImage = async (): Promise<DesktopImage | null> => (this.clipboardImage ? this.clipboardImage() : null);
  readClipboardText = async (): Promise<string> => this.clipboardText;
}

export interface Harness {
  readonly s: AppServices;
  readonly desktop: FakeDesktop;
  readonly clock: FakeClock;
  readonly dir: string;
  readonly events: { channel: EventChannel; payload: unknown }[];
  /** Everything the import service answered: checked for secrets at the end. */
  readonly answers: unknown[];
  /** Records an answer and returns it. */
  seen<T>(value: T): T;
}

const open: { h: Harness; dir: string }[] = [];

/** Services with a new, unlocked, empty vault. */
export async function openHarness(): Promise<Harness> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tessera-import-'));
  const desktop = new FakeDesktop();
  const clock = new FakeClock(T0);
  const events: Harness['events'] = [];
  const s = testServices({
    vaultPath: path.join(dir, 'vault.tessera'),
    clock,
    emit: (channel, payload) => events.push({ channel, payload }),
    desktop,
  });
  await s.vault.create(PASSWORD);
  const answers: unknown[] = [];
  const h: Harness = {
    s,
    desktop,
    clock,
    dir,
    events,
    answers,
    seen: (value) => {
      answers.push(value);
      return value;
    },
  };
  open.push({ h, dir });
  return h;
}

/** Shuts every harness down and checks that none of its answers held a secret of `secrets`. */
export async function closeHarnesses(secrets: readonly string[]): Promise<void> {
  for (const { h, dir } of open.splice(0)) {
    try {
      expectNoSecrets(h.answers, secrets);
    } finally {
      await h.s.shutdown();
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

/** The JSON of `value` contains none of the secrets (base32, or the raw bytes as hex or base64). */
export function expectNoSecrets(value: unknown, secrets: readonly string[]): void {
  const json = JSON.stringify(value).toUpperCase();
  for (const s of secrets)
    expect(json.includes(s.toUpperCase()), `an answer holds a secret (${s.length} chars)`).toBe(false);
}

/** A base32 secret in the forms a leak would take: base32, and its bytes as hex and base64. */
export function secretForms(base32: string): string[] {
  const bytes = Buffer.from(base32Decode(base32));
  return [base32, bytes.toString('hex'), bytes.toString('base64').replace(/=+$/, '')].filter((f) => f.length >= 12);
}

/** Every secret of the corpus's export files and migration samples, in every form. */
export function corpusSecrets(): string[] {
  const expected = expectedCorpus();
  const base32 = [
    ...Object.values(expected.files).flatMap((f) => f.entries.map((e) => e.secret)),
    ...expected['google-migration'].samples.flatMap((s) => s.entries.map((e) => e.secret)),
  ];
  return [...new Set(base32)].flatMap(secretForms);
}

/** The secrets in the `otpauth://` links of a screenshot's expected texts. */
export function screenshotSecrets(name: string): string[] {
  return screenshotTexts(name).flatMap((t) => {
    const secret = /[?&]secret=([A-Z2-7]+)/i.exec(t)?.[1];
    return secret ? secretForms(secret) : [];
  });
}

/** A corpus screenshot's path: `qr/screenshots/<name>.png`. */
export function screenshotPath(name: string): string {
  return corpusFile(`qr/screenshots/${name}.png`);
}

/** The texts a corpus screenshot's QR codes hold. */
export function screenshotTexts(name: string): string[] {
  return readFileSync(corpusFile(`qr/screenshots/${name}.txt`), 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** Pixels as a desktop hands them over: BGRA (Electron's bitmaps) by default, in a fresh buffer. */
export function desktopImage(image: RgbaImage, order: 'rgba' | 'bgra' = 'bgra'): DesktopImage {
  const data = order === 'bgra' ? swapRedBlue(image.data) : Uint8Array.from(image.data);
  return { width: image.width, height: image.height, data, pixelOrder: order };
}

/** A corpus screenshot as a captured screen. */
export async function screenFromCorpus(name: string, screen: string, order: 'rgba' | 'bgra' = 'bgra') {
  const image = await decodeImage(readFileSync(screenshotPath(name)));
  return { name: screen, image: desktopImage(image, order) };
}

/** A plain grey screen: nothing to find. */
export function emptyScreen(name: string, width = 640, height = 400): CapturedScreen {
  return { name, image: { width, height, data: new Uint8Array(width * height * 4).fill(200), pixelOrder: 'bgra' } };
}
