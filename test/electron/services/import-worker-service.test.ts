// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The import service hands every file's bytes and every file password to its runner (the import
 * worker in the app) and only orchestrates: these tests inject runners with the worker's interface
 * (the in-process one, one that records, one the test holds and releases) over a real vault, and
 * check what goes through the runner, that Cancel mid-way stops it and leaves the vault as it was,
 * and how a worker's failure is told.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { qrPng, writeTesseraBackup } from '../../../electron/export';
import { BudgetExceededError, ImportError, importFile } from '../../../electron/import';
import { decodeImage, QrError } from '../../../electron/import/qr';
import type { ImportReview, ImportStep } from '../../../electron/domain';
import { NO_DESKTOP, type DesktopPorts } from '../../../electron/services/desktop-ports';
import { toIpcError } from '../../../electron/services/error-report';
import { UnknownFileFormatError } from '../../../electron/services/errors';
import {
  fromWireError,
  runImportJob,
  toWireError,
  type ImportJob,
  type ImportJobReply,
} from '../../../electron/services/import-jobs';
import { createInProcessImportRunner, type ImportRunner } from '../../../electron/services/import-runner';
import { createImportService, type ImportService } from '../../../electron/services/import-service';
import { VaultLockedError } from '../../../electron/domain';
import { createVault, KDF_FLOOR, VaultError, type UnlockedVault } from '../../../electron/vault';
import { WorkerError } from '../../../electron/workers/worker-pool';
import { fakeKdf } from '../export/arbitraries';
import { aegisEncrypted } from '../import/writers';
import { account, aegisDbWithSkipped, bmp24, link, linkList } from './import-worker-files';

const PASSWORD = 'correct horse battery';
const T0 = Date.UTC(2024, 0, 31, 12, 0, 10);

interface Setup {
  readonly service: ImportService;
  readonly vault: UnlockedVault;
  readonly changed: ReturnType<typeof vi.fn>;
  /** Locks as the app does: the vault session goes, then the import service is cancelled. */
  lock(): void;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function setUp(runner: ImportRunner, desktop: DesktopPorts = NO_DESKTOP): Promise<Setup> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tessera-import-worker-'));
  const vault = await createVault(
    { path: path.join(dir, 'vault.tessera'), kdf: fakeKdf, kdfParams: KDF_FLOOR },
    PASSWORD,
  );
  let locked = false;
  const changed = vi.fn();
  const service = createImportService({
    desktop,
    now: () => T0,
    shownEntries: () => {
      if (locked) throw new VaultLockedError();
      return vault.entries();
    },
    openFresh: async () => vault,
    changed,
    runner,
  });
  cleanups.push(async () => {
    await service.close();
    if (!vault.locked) vault.lock();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    service,
    vault,
    changed,
    lock: () => {
      locked = true;
      service.cancel();
    },
  };
}

/** The in-process runner (the worker's code, on this thread), recording each job without keeping its bytes. */
function recordingRunner() {
  const inner = createInProcessImportRunner({ kdf: fakeKdf });
  const jobs: { kind: ImportJob['kind']; name: string; bytes: number; password?: string }[] = [];
  const runner: ImportRunner = {
    run(job, signal) {
      if (job.kind === 'unlock-file') {
        jobs.push({ kind: job.kind, name: job.file.name, bytes: job.file.bytes.length, password: job.password });
      } else {
        jobs.push({ kind: job.kind, name: job.name, bytes: job.bytes.length });
      }
      return inner.run(job, signal);
    },
    close: vi.fn(async () => undefined),
  };
  return { runner, jobs };
}

/** A runner that holds each job until the test answers it; Cancel rejects it as the worker does. */
function heldRunner(options: { readonly honoursCancel: boolean } = { honoursCancel: true }) {
  let arrive: (job: { job: ImportJob; signal: AbortSignal | undefined }) => void = () => undefined;
  const arrived = new Promise<{ job: ImportJob; signal: AbortSignal | undefined }>((resolve) => (arrive = resolve));
  let answer: (reply: ImportJobReply) => void = () => undefined;
  const answered = new Promise<ImportJobReply>((resolve) => (answer = resolve));
  const runner: ImportRunner = {
    run(job, signal) {
      arrive({ job, signal });
      return new Promise<ImportJobReply>((resolve, reject) => {
        if (options.honoursCancel) {
          signal?.addEventListener('abort', () => reject(new WorkerError('cancelled', 'cancelled')), { once: true });
        }
        void answered.then(resolve);
      });
    },
    close: async () => undefined,
  };
  return { runner, arrived, answer };
}

function reviewOf(step: ImportStep): ImportReview {
  if (step.step !== 'review') throw new Error(`expected a review, got ${step.step}`);
  return step.review;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => new Error('expected a failure'),
    (error: unknown) => error,
  );
}

describe('the import service runs file work in its runner', () => {
  it('reads a dropped export through the runner; the review and the add come from its answer', async () => {
    const { runner, jobs } = recordingRunner();
    const { service, vault, changed } = await setUp(runner);
    const bytes = linkList([account('GitHub'), account('GitLab')]);
    const size = bytes.length;

    const review = reviewOf(await service.readFile('links.txt', bytes));
    expect(jobs).toEqual([{ kind: 'read-file', name: 'links.txt', bytes: size }]);
    expect(review.title).toBe('otpauth:// link list');
    expect(review.candidates.map((c) => c.issuer)).toEqual(['GitHub', 'GitLab']);
    expect(bytes.every((b) => b === 0)).toBe(true); // the dropped bytes are wiped once read

    expect(await service.commit(['c0', 'c1'], 'merge')).toEqual({ added: 2, removed: 0 });
    expect(vault.entries().map((e) => e.issuer)).toEqual(['GitHub', 'GitLab']);
    expect(changed).toHaveBeenCalledTimes(1);
  });

  it('an encrypted export: the variant and the skipped kinds come back from the password job', async () => {
    const { runner, jobs } = recordingRunner();
    const { service } = await setUp(runner);
    const db = new TextEncoder().encode(JSON.stringify(aegisDbWithSkipped([account('GitHub'), account('GitLab')])));
    const file = aegisEncrypted(db, 'export pw');
    const here = await importFile(file, { password: 'export pw' });
    expect(await service.readFile('aegis-encrypted.json', file.slice())).toMatchObject({ step: 'password' });
    const review = reviewOf(await service.filePassword('export pw'));
    expect(jobs.map((j) => j.kind)).toEqual(['read-file', 'unlock-file']);
    expect(here.variant).toEqual(expect.any(String));
    expect(review.sources).toEqual([
      {
        name: 'aegis-encrypted.json',
        format: 'aegis',
        formatName: 'Aegis',
        variant: here.variant,
        found: 2,
        skipped: 2,
      },
    ]);
    expect(review.skipped).toEqual([
      expect.objectContaining({ source: 'aegis-encrypted.json', label: 'Bank (bob)', kind: 'unsupported' }),
      expect.objectContaining({ source: 'aegis-encrypted.json', label: 'Odd (eve)', kind: 'malformed' }),
    ]);
    for (const e of here.entries) e.secret.fill(0);
  });

  it('tries a backup’s password in the runner: wrong, then right, then restores', async () => {
    const { runner, jobs } = recordingRunner();
    const { service, vault } = await setUp(runner);
    expect(await service.readFile('b.tessera', await backupBytes())).toEqual({
      step: 'password',
      fileName: 'b.tessera',
      formatName: 'Tessera backup',
      wrongPassword: false,
    });
    expect(await service.filePassword('nope')).toMatchObject({ step: 'password', wrongPassword: true });
    const review = reviewOf(await service.filePassword('backup password'));
    expect(review.kind).toBe('backup');
    // A backup names its file and Tessera; it has no variant to tell.
    expect(review.sources).toEqual([
      { name: 'b.tessera', format: null, formatName: 'Tessera backup', variant: null, found: 1, skipped: 0 },
    ]);
    expect(jobs.map((j) => [j.kind, j.password])).toEqual([
      ['read-file', undefined],
      ['unlock-file', 'nope'],
      ['unlock-file', 'backup password'],
    ]);
    expect(await service.commit(['c0'], 'merge')).toEqual({ added: 1, removed: 0 });
    expect(vault.entries().map((e) => e.issuer)).toEqual(['GitHub']);
  });

  it('decodes a BMP screenshot in the runner (JavaScript); a PNG is left to libvips', async () => {
    const { runner, jobs } = recordingRunner();
    const { service } = await setUp(runner);
    const png = await qrPng(link(account('Dropbox')), { scale: 4 });
    const bmp = bmp24(await decodeImage(png));

    const fromBmp = reviewOf(await service.readFile('shot.bmp', bmp));
    expect(fromBmp.candidates.map((c) => c.issuer)).toEqual(['Dropbox']);
    expect(jobs).toEqual([{ kind: 'decode-bmp', name: 'shot.bmp', bytes: bmp.length }]);

    service.cancel();
    reviewOf(await service.readFile('shot.png', png));
    expect(jobs).toHaveLength(1);
  });
});

describe('Cancel while the runner works', () => {
  it('stops the job mid-way: the request answers cancelled, nothing is staged, the vault is unchanged', async () => {
    const held = heldRunner();
    const { service, vault, changed } = await setUp(held.runner);
    const reading = service.readFile('mystery.bin', linkList([account('GitHub')]));
    const { job, signal } = await held.arrived;
    expect(job.kind).toBe('read-file');
    expect(signal?.aborted).toBe(false);

    service.cancel();
    expect(signal?.aborted).toBe(true);
    expect(await reading).toEqual({ step: 'cancelled' });
    expect(service.codes()).toEqual([]);
    expect(await rejection(service.commit(['c0'], 'merge'))).toMatchObject({ name: 'ImportClosedError' });
    expect(vault.entries()).toEqual([]);
    expect(changed).not.toHaveBeenCalled();
  });

  it('stops a password being tried, and drops the file waiting for it', async () => {
    // The file is read for real (its password step); the password try is held.
    const reader = createInProcessImportRunner({ kdf: fakeKdf });
    const held = heldRunner();
    const { service, vault } = await setUp({
      run: (job, signal) => (job.kind === 'unlock-file' ? held.runner.run(job, signal) : reader.run(job, signal)),
      close: async () => undefined,
    });
    expect(await service.readFile('b.tessera', await backupBytes())).toMatchObject({ step: 'password' });
    const trying = service.filePassword('backup password');
    expect((await held.arrived).job.kind).toBe('unlock-file');
    service.cancel();
    expect(await trying).toEqual({ step: 'cancelled' });
    expect(await rejection(service.filePassword('backup password'))).toMatchObject({ name: 'ImportClosedError' });
    expect(vault.entries()).toEqual([]);
  });

  it('a Cancel while the file is still being picked stops its job before the runner gets it', async () => {
    const { runner, jobs } = recordingRunner();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tessera-import-worker-pick-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'links.txt');
    writeFileSync(file, linkList([account('GitHub')]));
    let pick: (paths: string[]) => void = () => undefined;
    const picked = new Promise<string[]>((resolve) => (pick = resolve));
    let dialogShown: () => void = () => undefined;
    const shown = new Promise<void>((resolve) => (dialogShown = resolve));
    const pickFiles = (): Promise<string[]> => {
      dialogShown();
      return picked;
    };
    const { service, vault } = await setUp(runner, { ...NO_DESKTOP, pickFiles });

    const opening = service.openFiles();
    await shown;
    service.cancel();
    pick([file]);
    expect(await opening).toEqual({ step: 'cancelled' });
    expect(jobs).toEqual([]);
    expect(service.codes()).toEqual([]);
    expect(vault.entries()).toEqual([]);
  });

  it('drops an answer that arrives after Cancel and wipes the secrets it carries', async () => {
    const held = heldRunner({ honoursCancel: false });
    const { service, vault } = await setUp(held.runner);
    const reading = service.readFile('links.txt', linkList([account('GitHub')]));
    await held.arrived;
    service.cancel();
    const reply = (
      await runImportJob({ kind: 'read-file', name: 'links.txt', bytes: linkList([account('GitHub')]), format: null })
    ).value;
    held.answer(reply);
    expect(await reading).toEqual({ step: 'cancelled' });
    if (reply.type !== 'file' || reply.answer.kind === 'password') throw new Error('expected accounts');
    expect(reply.answer.entries[0]?.secret.every((b) => b === 0)).toBe(true);
    expect(vault.entries()).toEqual([]);
  });

  it('stops the job when the vault locks, and says the vault is locked', async () => {
    const held = heldRunner();
    const { service, lock } = await setUp(held.runner);
    const reading = service.readFile('links.txt', linkList([account('GitHub')]));
    const { signal } = await held.arrived;
    lock();
    expect(signal?.aborted).toBe(true);
    expect(await rejection(reading)).toBeInstanceOf(VaultLockedError);
  });

  it('closes its runner when the service closes', async () => {
    const { runner } = recordingRunner();
    const { service } = await setUp(runner);
    await service.close();
    expect(runner.close).toHaveBeenCalledTimes(1);
  });
});

describe('a worker that fails', () => {
  const failing = (error: WorkerError): ImportRunner => ({
    run: () => Promise.reject(error),
    close: async () => undefined,
  });

  it('out of memory: says the file needed too much memory and was stopped, naming it', async () => {
    const { service } = await setUp(
      failing(new WorkerError('out-of-memory', 'the import worker reached its memory limit (512 MB) and was stopped.')),
    );
    expect(toIpcError(await rejection(service.readFile('huge.json', new Uint8Array([123, 125]))))).toEqual({
      code: 'import-failed',
      message:
        'Reading huge.json needed more memory than Tessera allows for one file, so it was stopped. Exports of authenticator apps are far smaller: is it the right file?',
      details: 'the import worker reached its memory limit (512 MB) and was stopped.',
    });
  });

  it('crashed: says the reader stopped and what to try', async () => {
    const { service } = await setUp(
      failing(new WorkerError('crashed', 'the import worker stopped unexpectedly (exit code 1).')),
    );
    expect(toIpcError(await rejection(service.readFile('odd.bin', new Uint8Array([1, 2, 3]))))).toEqual({
      code: 'import-failed',
      message:
        'Tessera could not finish reading odd.bin: the reader stopped unexpectedly. Try again; if it happens again, the file may be damaged.',
      details: 'the import worker stopped unexpectedly (exit code 1).',
    });
  });
});

describe('errors crossing from the worker', () => {
  /** As the worker's answer arrives: structured-cloned. */
  const across = (error: unknown, name = 'f.json'): Error => fromWireError(structuredClone(toWireError(error)), name);

  it('keeps each expected error’s class, kind, message and details', () => {
    const budget = across(
      new BudgetExceededError({ name: 'lines', value: 50_000, reached: 50_001 }, 'Too many lines.', 'lines: 50000'),
    );
    expect(budget).toBeInstanceOf(ImportError);
    expect(budget).toMatchObject({ kind: 'too-large', message: 'Too many lines.', details: 'lines: 50000' });
    expect(across(new ImportError('wrong-password', 'Wrong.'))).toMatchObject({
      kind: 'wrong-password',
      details: undefined,
    });
    expect(across(new QrError('unreadable-image', 'Damaged.'))).toEqual(new QrError('unreadable-image', 'Damaged.'));
    const vault = across(new VaultError('io', 'Busy.', { reason: 'busy' }));
    expect(vault).toBeInstanceOf(VaultError);
    expect(vault).toMatchObject({ kind: 'io', reason: 'busy', message: 'Busy.' });
  });

  it('names the file when no importer recognises it, and turns anything else into a bug report', () => {
    expect(across(new UnknownFileFormatError('elsewhere.json'), 'mine.json').message).toBe(
      new UnknownFileFormatError('mine.json').message,
    );
    const bug = across(new TypeError('x is undefined'));
    expect(bug.constructor).toBe(Error);
    expect(bug.message).toBe('Reading f.json failed in the import worker: x is undefined');
  });
});

/** A Tessera backup (fast fake KDF) of one account, password "backup password". */
async function backupBytes(): Promise<Uint8Array> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tessera-import-worker-backup-'));
  try {
    const file = path.join(dir, 'b.tessera');
    const github = account('GitHub');
    await writeTesseraBackup(
      [{ ...github, type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: null }],
      file,
      'backup password',
      { kdf: fakeKdf, kdfParams: KDF_FLOOR },
    );
    return new Uint8Array(readFileSync(file));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
