// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The CLI as a user runs it: whole processes, spawn → exit (wall time, and peak RSS through
 * /usr/bin/time when it is there). Figures only; nothing is asserted. Measured, interleaved (a, b,
 * c, … in each round) so a busy machine slows every side alike, ROUNDS rounds after one warm-up
 * round, medians printed:
 *   a. `tessera code acct-0999` on a vault of 1,000 TOTP accounts at the default KDF (Argon2id
 *      3 passes / 256 MiB), the password from a file;
 *   b. a Node process that only derives the same key with native Argon2id (@node-rs/argon2), the
 *      floor for (a): goal a / b ≤ 1.25×;
 *   c. `tessera --version`, d. `tessera --help`, against e. `node -e 0`: goal ≤ 1.5× each;
 *   f. `keepassxc-cli show -t` of one entry of a 1,000-entry KeePassXC database where every entry
 *      has a TOTP, made by `keepassxc-cli import` with a 1 s decryption-time target (KeePassXC's
 *      default; Tessera calibrates to about a second too), when keepassxc-cli is on PATH (this
 *      script never installs it; Debian: apt-get install keepassxc).
 * Then g: the Argon2id parameters `tessera init` calibrates for a fresh vault, in a fresh HOME and
 * vault folder (so no stored calibration, kdf-params.json, exists wherever the CLI keeps it), read
 * back with `tessera info --json`: once on an idle machine and once with two CPU busy loops running
 * (goal: ≥ 3 passes / 256 MiB).
 * The vault of (a) is checked after each run: a `code` for a TOTP account saves nothing, so a
 * changed generation or KDF (a re-wrap on unlock) is reported, as it makes later runs incomparable.
 *
 * Everything lives in a temporary folder, removed at the end; every spawned process gets HOME and
 * XDG_CONFIG_HOME inside it, so the user's own ~/.config/Tessera is never read or written. Needs
 * `npm run build` (out/main/cli.js).
 *
 *   node scripts/run-ts.mjs scripts/bench/cli.ts [ROUNDS]    (or: npm run bench cli)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { base32Encode } from '../../electron/otp';
import {
  createInlineKdf,
  createVault,
  inspectVault,
  KDF_DEFAULT,
  type KdfParams,
  type NewVaultEntry,
} from '../../electron/vault';

const ROUNDS = Number(process.argv[2] ?? 7);
const ACCOUNTS = 1000;
const TARGET = 'acct-0999';
const PASSWORD = 'bench tessera cli quartz lantern';
/** The decryption time `keepassxc-cli import -t` tunes its KDF to: KeePassXC's default (1 s). */
const KEEPASSXC_DECRYPTION_MS = 1000;
const TIME_BIN = '/usr/bin/time';
const MiB = 1024 * 1024;

/** The repository: the folder above this script (or its bundle in .cache/run-ts/) holding bin/tessera.js. */
function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'bin', 'tessera.js'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('Run this from the Tessera repository.');
    dir = parent;
  }
  return dir;
}

const root = findRoot();
const bin = path.join(root, 'bin', 'tessera.js');
const node = process.execPath;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const ms = (x: number): string => `${x.toFixed(0)} ms`;
const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;
const passes = (p: KdfParams): string => `${p.opslimit} passes / ${p.memlimit / MiB} MiB`;

/** The executable `name` on PATH, or null. */
function onPath(name: string): string | null {
  for (const dir of (process.env['PATH'] ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return null;
}

/** Writes a file only its owner can read (as a password file should be). */
function writePrivate(file: string, text: string): void {
  writeFileSync(file, text, { mode: 0o600 });
}

interface Run {
  readonly ms: number;
  /** Peak resident set size (KiB), from /usr/bin/time; null without it. */
  readonly rssKiB: number | null;
  readonly stdout: string;
}

interface RunOptions {
  readonly env: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /** Written to standard input, then closed; without it standard input is /dev/null. */
  readonly input?: string;
  /** Peak RSS through /usr/bin/time (its own start-up, ~1 ms, is then in every figure alike). */
  readonly rss?: boolean;
}

const timeAvailable = existsSync(TIME_BIN);
let rssFiles = 0;

/** Runs one process to its end; wall time from spawn to exit (streams closed). Throws unless it exits 0. */
function run(dir: string, command: string, args: readonly string[], options: RunOptions): Promise<Run> {
  const rssFile = options.rss && timeAvailable ? path.join(dir, `rss-${rssFiles++}.txt`) : null;
  const [file, argv] = rssFile ? [TIME_BIN, ['-f', '%M', '-o', rssFile, '--', command, ...args]] : [command, [...args]];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(file, argv, {
      cwd: options.cwd ?? root,
      env: options.env,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (b: Buffer) => out.push(b));
    child.stderr?.on('data', (b: Buffer) => err.push(b));
    child.stdin?.end(options.input);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const took = performance.now() - started;
      const stdout = Buffer.concat(out).toString('utf8');
      if (code !== 0) {
        const stderr = Buffer.concat(err).toString('utf8').trim();
        reject(new Error(`${[command, ...args].join(' ')} exited ${code ?? signal}: ${stderr}`));
        return;
      }
      let rssKiB: number | null = null;
      if (rssFile) {
        const kib = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop());
        rssKiB = Number.isFinite(kib) ? kib : null;
        rmSync(rssFile, { force: true });
      }
      resolve({ ms: took, rssKiB, stdout });
    });
  });
}

/** The CPU busy loops of the calibration under load; killed at the end, on an error and on exit. */
const busyLoops = new Set<ChildProcess>();

function stopBusyLoops(): void {
  for (const child of busyLoops) child.kill('SIGKILL');
  busyLoops.clear();
}
process.on('exit', stopBusyLoops);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    stopBusyLoops();
    process.exit(130);
  });

/** One busy loop: `for(;;){}`, which also ends itself should this process die without killing it. */
function startBusyLoop(): void {
  const loop = 'const p=process.ppid;for(let i=0;;i++)if(i%1e8===0&&process.ppid!==p)process.exit()';
  const child = spawn(node, ['-e', loop], { stdio: 'ignore' });
  busyLoops.add(child);
  child.on('exit', () => busyLoops.delete(child));
}

const accountName = (i: number): string => `acct-${String(i).padStart(4, '0')}`;

function makeSecrets(): Uint8Array[] {
  return Array.from({ length: ACCOUNTS }, () => new Uint8Array(randomBytes(20)));
}

function makeEntries(secrets: readonly Uint8Array[]): NewVaultEntry[] {
  return secrets.map((secret, i): NewVaultEntry => ({
    type: 'totp',
    issuer: `Issuer ${i}`,
    account: accountName(i),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: null,
    secret,
  }));
}

const xml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A KeePass 2 XML file (what `keepassxc-cli import` reads): the same accounts, each with its TOTP as an `otp` attribute. */
function keepassXml(secrets: readonly Uint8Array[]): string {
  const uuid = (): string => randomBytes(16).toString('base64');
  const entries = secrets.map((secret, i) => {
    const issuer = `Issuer ${i}`;
    const name = accountName(i);
    const uri =
      `otpauth://totp/${encodeURIComponent(`${issuer}:${name}`)}?secret=${base32Encode(secret)}` +
      `&period=30&digits=6&issuer=${encodeURIComponent(issuer)}`;
    const field = (key: string, value: string): string =>
      `<String><Key>${key}</Key><Value>${xml(value)}</Value></String>`;
    return `<Entry><UUID>${uuid()}</UUID>${field('Title', name)}${field('UserName', name)}${field('otp', uri)}</Entry>`;
  });
  return (
    '<?xml version="1.0" encoding="utf-8" standalone="yes"?>\n' +
    '<KeePassFile><Meta><Generator>tessera-bench</Generator><DatabaseName>bench</DatabaseName></Meta>' +
    `<Root><Group><UUID>${uuid()}</UUID><Name>Root</Name>\n${entries.join('\n')}\n</Group></Root></KeePassFile>\n`
  );
}

/** A process environment whose HOME and XDG_CONFIG_HOME are `home` (and no TESSERA_VAULT). */
function envFor(home: string): NodeJS.ProcessEnv {
  mkdirSync(path.join(home, '.config'), { recursive: true });
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config') };
  delete env['TESSERA_VAULT'];
  return env;
}

interface Calibration {
  readonly params: KdfParams;
  readonly initMs: number;
}

/** `tessera init` on a fresh vault in a fresh home (no earlier calibration), then `info --json`. */
async function calibrate(dir: string, name: string, load: boolean): Promise<Calibration> {
  const base = path.join(dir, name);
  mkdirSync(base);
  const env = envFor(path.join(base, 'home'));
  const vault = path.join(base, 'vaults', 'vault.tessera');
  mkdirSync(path.dirname(vault));
  const passwordFile = path.join(base, 'password');
  writePrivate(passwordFile, 'calibration password two\n');
  if (load) {
    startBusyLoop();
    startBusyLoop();
    await new Promise((r) => setTimeout(r, 1000)); // both loops running at full speed
  }
  try {
    const init = await run(dir, node, [bin, 'init', '--vault', vault, '--password-file', passwordFile], { env });
    const info = await run(dir, node, [bin, 'info', '--vault', vault, '--password-file', passwordFile, '--json'], {
      env,
    });
    const { kdf } = JSON.parse(info.stdout) as { kdf: { opslimit: number; memlimitBytes: number } };
    return { params: { opslimit: kdf.opslimit, memlimit: kdf.memlimitBytes }, initMs: init.ms };
  } finally {
    stopBusyLoops();
  }
}

interface Measured {
  readonly label: string;
  readonly runs: Run[];
}

interface BenchCommand {
  readonly label: string;
  readonly command: string;
  readonly args: string[];
  readonly input?: string;
  /** What the output must contain (a code), so a failing run is never timed as a fast one. */
  readonly check?: RegExp;
}

/** The vault of (a) and its password file, in `dir`; returns them with the accounts' secrets. */
async function makeVault(dir: string): Promise<{ vault: string; passwordFile: string; secrets: Uint8Array[] }> {
  const vault = path.join(dir, 'vault', 'vault.tessera');
  mkdirSync(path.dirname(vault));
  const passwordFile = path.join(dir, 'password');
  writePrivate(passwordFile, `${PASSWORD}\n`);
  const secrets = makeSecrets();
  const created = await createVault({ path: vault, kdf: createInlineKdf(), kdfParams: KDF_DEFAULT }, PASSWORD);
  await created.add(makeEntries(secrets));
  created.lock();
  return { vault, passwordFile, secrets };
}

/** (f)'s database, made by keepassxc-cli itself; null when keepassxc-cli is not on PATH. */
async function makeKeepassDb(
  dir: string,
  env: NodeJS.ProcessEnv,
  secrets: readonly Uint8Array[],
): Promise<{ keepassxc: string; db: string; kdf: string } | null> {
  const keepassxc = onPath('keepassxc-cli');
  if (!keepassxc) return null;
  const xmlFile = path.join(dir, 'keepass.xml');
  writeFileSync(xmlFile, keepassXml(secrets));
  const db = path.join(dir, 'keepass.kdbx');
  await run(dir, keepassxc, ['import', '-q', '-p', '-t', String(KEEPASSXC_DECRYPTION_MS), xmlFile, db], {
    env,
    input: `${PASSWORD}\n${PASSWORD}\n`,
  });
  const info = await run(dir, keepassxc, ['db-info', '-q', db], { env, input: `${PASSWORD}\n` });
  return { keepassxc, db, kdf: /^KDF: (.*)$/m.exec(info.stdout)?.[1] ?? '?' };
}

/** Commands a–f. */
function benchCommands(
  vault: string,
  passwordFile: string,
  keepass: { keepassxc: string; db: string } | null,
): BenchCommand[] {
  const { opslimit, memlimit } = KDF_DEFAULT;
  const nativeScript =
    `const password = require('node:fs').readFileSync(process.argv[1], 'utf8').split('\\n')[0];` +
    `require('@node-rs/argon2').hashRaw(password, { algorithm: 2, version: 1, timeCost: ${opslimit}, ` +
    `memoryCost: ${memlimit / 1024}, parallelism: 1, outputLen: 32, salt: require('node:crypto').randomBytes(16) })` +
    `.then((key) => { if (key.length !== 32) process.exit(1); });`;
  const commands: BenchCommand[] = [
    {
      label: `a. tessera code ${TARGET}`,
      command: node,
      args: [bin, 'code', TARGET, '--vault', vault, '--password-file', passwordFile],
      check: /\b\d{6}\b/,
    },
    { label: 'b. node, native Argon2id only', command: node, args: ['-e', nativeScript, passwordFile] },
    { label: 'c. tessera --version', command: node, args: [bin, '--version'] },
    { label: 'd. tessera --help', command: node, args: [bin, '--help'] },
    { label: 'e. node -e 0', command: node, args: ['-e', '0'] },
  ];
  if (keepass)
    commands.push({
      label: `f. keepassxc-cli show -t ${TARGET}`,
      command: keepass.keepassxc,
      args: ['show', '-q', '-t', keepass.db, TARGET],
      input: `${PASSWORD}\n`,
      check: /^\d{6}$/m,
    });
  return commands;
}

/**
 * A warm-up round, then ROUNDS interleaved rounds of `commands`. After each run of (a) the vault
 * is checked: a re-wrap or save would make later runs incomparable, so it is reported.
 */
async function measureRounds(
  dir: string,
  env: NodeJS.ProcessEnv,
  vault: string,
  commands: readonly BenchCommand[],
): Promise<{ measured: Measured[]; changed: string | null }> {
  const measured: Measured[] = commands.map((c) => ({ label: c.label, runs: [] }));
  const original = await inspectVault(vault);
  let changed: string | null = null;
  for (let round = -1; round < ROUNDS; round++) {
    for (const [i, c] of commands.entries()) {
      const r = await run(dir, c.command, c.args, { env, rss: true, ...(c.input ? { input: c.input } : {}) });
      if (c.check && !c.check.test(r.stdout))
        throw new Error(`${c.label}: no code in its output: ${JSON.stringify(r.stdout)}`);
      if (round >= 0) measured[i]?.runs.push(r); // round -1 warms the page cache
      if (i === 0 && changed === null) {
        const now = await inspectVault(vault);
        if (now.generation !== original.generation || passes(now.kdf) !== passes(original.kdf))
          changed =
            `${round < 0 ? 'the warm-up run' : `run ${round + 1}`} of (a) saved the vault: generation ` +
            `${original.generation} → ${now.generation}, Argon2id ${passes(original.kdf)} → ${passes(now.kdf)}`;
      }
    }
  }
  return { measured, changed };
}

/** Each command's median, range and peak RSS, then the ratios and their goals. */
function printTimings(measured: readonly Measured[], keepassKdf: string | null, changed: string | null): void {
  const wall = (label: string): number =>
    median(measured.find((m) => m.label.startsWith(label))?.runs.map((r) => r.ms) ?? []);
  console.log(
    `whole processes, spawn → exit, median of ${ROUNDS} interleaved rounds after a warm-up round` +
      (timeAvailable ? `; peak RSS from ${TIME_BIN}` : `; no ${TIME_BIN}, so no peak RSS`),
  );
  console.log(
    `vault: ${ACCOUNTS} TOTP accounts, Argon2id ${passes(KDF_DEFAULT)}; CLI KDF: as built in out/main (see docs/cli.md)`,
  );
  for (const m of measured) {
    const times = m.runs.map((r) => r.ms);
    const rss = m.runs.map((r) => r.rssKiB).filter((x): x is number => x !== null);
    const range = `(${ms(Math.min(...times))}–${ms(Math.max(...times))})`;
    console.log(
      `  ${m.label.padEnd(40)} ${ms(median(times)).padStart(8)} ${range.padEnd(18)}` +
        (rss.length ? `peak RSS ${(median(rss) / 1024).toFixed(0)} MiB` : ''),
    );
  }
  if (keepassKdf === null) console.log('  keepassxc-cli: skipped — not installed (Debian: apt-get install keepassxc)');
  else
    console.log(
      `     (KeePassXC database: ${ACCOUNTS} entries, each with a TOTP; made by keepassxc-cli import -t ` +
        `${KEEPASSXC_DECRYPTION_MS}; KDF: ${keepassKdf})`,
    );
  if (changed) console.log(`  NOTE: ${changed}; later runs of (a) derive with these parameters.`);
  const [a, b, c, d, e] = ['a.', 'b.', 'c.', 'd.', 'e.'].map(wall) as [number, number, number, number, number];
  console.log('ratios of medians');
  const line = (name: string, value: string, goal: string): void =>
    console.log(`  ${name.padEnd(52)} ${value.padEnd(8)} ${goal}`);
  line('a / b   tessera code / native Argon2id alone', ratio(a, b), 'goal ≤ 1.25×');
  line('c / e   tessera --version / node -e 0', ratio(c, e), 'goal ≤ 1.5×');
  line('d / e   tessera --help / node -e 0', ratio(d, e), 'goal ≤ 1.5×');
  if (keepassKdf !== null) line('f / a   keepassxc-cli show -t / tessera code', ratio(wall('f.'), a), '');
}

/** (g): what `tessera init` calibrates, idle and under two CPU busy loops. */
async function printCalibrations(dir: string, cores: number): Promise<void> {
  const [one, five, fifteen] = os.loadavg().map((x) => x.toFixed(2));
  console.log(
    `calibration by tessera init (fresh HOME, no kdf-params.json), then info --json; ` +
      `load average before: ${one} ${five} ${fifteen}`,
  );
  for (const [label, load] of [
    ['idle machine', false],
    [`2 CPU busy loops on ${cores} cores`, true],
  ] as const) {
    try {
      const result = await calibrate(dir, load ? 'calibrate-load' : 'calibrate-idle', load);
      console.log(
        `  ${label.padEnd(40)} Argon2id ${passes(result.params).padEnd(22)} init ${ms(result.initMs).padStart(8)}   ` +
          'goal: ≥ 3 passes / 256 MiB',
      );
    } catch (error) {
      console.log(`  ${label.padEnd(40)} failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    }
  }
}

async function main(): Promise<void> {
  if (!existsSync(path.join(root, 'out', 'main', 'cli.js'))) {
    console.log('cli: out/main/cli.js is missing: run `npm run build` first.');
    process.exit(1);
  }
  const cpus = os.cpus();
  console.log(`cli benchmarks (node ${process.version}, ${cpus.length} cores, ${cpus[0]?.model ?? '?'})`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tessera-bench-cli-'));
  try {
    const env = envFor(path.join(dir, 'home'));
    const { vault, passwordFile, secrets } = await makeVault(dir);
    const keepass = await makeKeepassDb(dir, env, secrets);
    const { measured, changed } = await measureRounds(dir, env, vault, benchCommands(vault, passwordFile, keepass));
    printTimings(measured, keepass?.kdf ?? null, changed);
    await printCalibrations(dir, cpus.length);
  } finally {
    stopBusyLoops();
    rmSync(dir, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (error) {
  stopBusyLoops();
  console.error(error);
  process.exit(1);
}
