// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Real Syncthing for the sync tests (issue #18): starts N instances on this machine, each with its
 * own temporary home, that share one folder and talk only over 127.0.0.1, and lets a test wait until
 * they agree. The vault merge is tested against what a real sync tool does to the file (whole-file
 * delivery, conflict copies), not against a model of it.
 *
 * Each instance: `syncthing generate --home` (keys and a config), then the config rewritten by
 * syncthing-config.ts (REST on 127.0.0.1:<free port> with a generated API key, one TCP listener on
 * 127.0.0.1:<free port>, discovery, relays, NAT traversal, usage and crash reporting, upgrades and
 * the browser off; the peers by device ID and static address; the folder `sendreceive` with the
 * file watcher on and fast rescans), then `syncthing serve --no-restart`. Ports come from binding
 * :0; a start that fails (a port taken meanwhile, a process that died) is retried with new ports,
 * and the last error says what happened with each instance's last log lines.
 *
 * The binary: SYNCTHING_BIN (set by `npm test`, scripts/lib/test-tools.mjs), else the same search
 * (find only, never install).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { promisify } from 'node:util';
import { NO_SYNCTHING, findSyncthing } from '../../scripts/lib/test-tools.mjs';
import { describeDifference, sameSnapshot, snapshotFolder, type FolderSnapshot } from './folder-snapshot';
import { configureInstance } from './syncthing-config';

const run = promisify(execFile);
const LOG_LINES = 200;
const POLL_MS = 100;

/** The syncthing executable to use, or why there is none (a one-line instruction). */
export function locateSyncthing(env: NodeJS.ProcessEnv = process.env): { path: string } | { error: string } {
  const found = findSyncthing({ env });
  if (!found) return { error: NO_SYNCTHING };
  if (found.path === null) return { error: found.error };
  return { path: found.path };
}

export interface StartOptions {
  /** The syncthing executable. */
  readonly binary: string;
  /** How many instances (default 2), named A, B, C, … */
  readonly count?: number;
  /** The shared folder's id (default `tessera`). */
  readonly folderId?: string;
  /** Full rescan interval (default 5 s); the file watcher reports changes sooner. */
  readonly rescanIntervalS?: number;
  /** How long the file watcher gathers changes before a scan (default 1 s, Syncthing's minimum). */
  readonly fsWatcherDelayS?: number;
  /** Extra environment per instance (by index), e.g. `{ TZ: 'Asia/Kathmandu' }`. */
  readonly instanceEnv?: readonly Readonly<Record<string, string>>[];
  /** For one start attempt, until every instance is up and connected (default 20 s). */
  readonly startTimeoutMs?: number;
  /** Start attempts before giving up (default 3). */
  readonly attempts?: number;
  /**
   * Lines of a `.stignore` written into every folder before Syncthing starts (e.g.
   * `syncIgnorePatterns(name).syncthing`): those files stay on their computer, and `waitInSync`
   * leaves them out when it compares the folders.
   */
  readonly ignore?: readonly string[];
}

export interface FolderStatus {
  readonly state: string;
  readonly needTotalItems: number;
  readonly pullErrors?: number;
  readonly errors?: number;
  readonly sequence?: number;
}

export interface Completion {
  readonly completion: number;
  readonly needItems: number;
  readonly needDeletes: number;
  readonly needBytes: number;
}

export interface SyncthingInstance {
  /** A, B, … */
  readonly name: string;
  readonly deviceId: string;
  /** The first 7 characters of the device ID: the id Syncthing writes into conflict-copy names. */
  readonly shortId: string;
  readonly home: string;
  /** This instance's copy of the shared folder. */
  readonly folder: string;
  readonly guiAddress: string;
  readonly listenAddress: string;
  /** The path of `name` inside this instance's folder. */
  file(name: string): string;
  /** Calls the REST API (JSON in and out); throws with the status and body on an HTTP error. */
  rest<T = unknown>(
    method: 'GET' | 'POST' | 'PATCH',
    route: string,
    query?: Readonly<Record<string, string>>,
    body?: unknown,
  ): Promise<T>;
  /** The last lines Syncthing logged. */
  logTail(lines?: number): string[];
}

export interface SyncReport {
  /** What every instance's folder holds, once they agree. */
  readonly snapshot: FolderSnapshot;
  readonly elapsedMs: number;
}

export interface SyncthingCluster {
  readonly instances: readonly SyncthingInstance[];
  readonly folderId: string;
  /** Milliseconds from the first `generate` to every instance connected to every other. */
  readonly startedInMs: number;
  /** Until every instance is connected to every other. */
  waitConnected(timeoutMs?: number): Promise<void>;
  /**
   * Until every folder is idle with nothing left to pull, each instance sees every remote device
   * 100 % complete, and all folders hold the same files with the same contents (twice in a row).
   */
  waitInSync(timeoutMs?: number): Promise<SyncReport>;
  /** A full scan of the folder on every instance now; resolves when the scans are done. */
  rescan(): Promise<void>;
  /**
   * Pauses the shared folder on every instance and waits until each says so: from now on a change is
   * neither scanned nor exchanged, as on computers that are offline from each other. (Pausing the
   * devices would do the same, but Syncthing 1.19 redials a resumed device only on its own schedule,
   * up to a minute later; a paused folder resumes at once over the connection that stayed up.)
   */
  pause(timeoutMs?: number): Promise<void>;
  /** Resumes the folder everywhere: each instance scans what changed meanwhile and they exchange it. */
  resume(timeoutMs?: number): Promise<void>;
  /** Stops the processes and removes the homes and folders. Safe to call twice. */
  stop(): Promise<void>;
}

/** A failure at run time (a timeout, a process that died, a port taken): worth another start attempt. */
class HarnessError extends Error {}

/** Distinct free TCP ports on 127.0.0.1, held open together so none is handed out twice. */
async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const server = createServer();
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve());
      });
    }
    return servers.map((s) => (s.address() as AddressInfo).port);
  } finally {
    await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }
}

interface Running extends SyncthingInstance {
  readonly child: ChildProcess;
  /** Why the process ended, once it has. */
  exited: string | null;
}

/**
 * Each Syncthing runs under a small `sh` watchdog that holds a pipe from this process on its standard
 * input. When the pipe closes (stop() closes it, and the kernel closes it when this test process
 * ends in any way, even killed after a hook timeout), the watchdog stops Syncthing: SIGTERM, then
 * SIGKILL after 5 s. When Syncthing exits by itself, the watchdog exits with its status. So no test
 * run leaves a Syncthing behind. (Syncthing's own monitor process is not used: STMONITORED.)
 */
const WATCHDOG = [
  'exec 3<&0',
  '"$@" &',
  'pid=$!',
  '( read -r _ <&3; kill -TERM "$pid" 2>/dev/null; sleep 5; kill -KILL "$pid" 2>/dev/null ) &',
  'watcher=$!',
  'wait "$pid"',
  'status=$?',
  'kill "$watcher" 2>/dev/null',
  'exit "$status"',
].join('\n');

/** Watchdogs still running: their pipes are closed at exit (the kernel would too), stopping Syncthing. */
const live = new Set<ChildProcess>();
let exitHookInstalled = false;
function track(child: ChildProcess): void {
  live.add(child);
  child.once('exit', () => live.delete(child));
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const c of live) c.stdin?.destroy();
    });
  }
}

function startProcess(
  binary: string,
  spec: { name: string; deviceId: string; home: string; folder: string; guiAddress: string; listenAddress: string },
  apiKey: string,
  extraEnv: Readonly<Record<string, string>>,
): Running {
  const args = ['serve', `--home=${spec.home}`, '--no-browser', '--no-restart', '--no-upgrade'];
  const child = spawn('/bin/sh', ['-c', WATCHDOG, 'syncthing-watchdog', binary, ...args], {
    env: {
      ...process.env,
      HOME: spec.home,
      STMONITORED: 'yes',
      STNORESTART: '1',
      STNOUPGRADE: '1',
      STNODEFAULTFOLDER: '1',
      ...extraEnv,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  track(child);
  // The watchdog's pipe must not keep this process alive, nor fail it when the watchdog is gone.
  child.stdin?.on('error', () => undefined);
  const lines: string[] = [];
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      lines.push(line.trimEnd());
      if (lines.length > LOG_LINES) lines.shift();
    }
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  const instance: Running = {
    ...spec,
    shortId: spec.deviceId.slice(0, 7),
    child,
    exited: null,
    file: (name) => path.join(spec.folder, name),
    logTail: (n = 20) => lines.slice(-n),
    async rest<T>(
      method: 'GET' | 'POST' | 'PATCH',
      route: string,
      query: Readonly<Record<string, string>> = {},
      body?: unknown,
    ) {
      const url = new URL(`http://${spec.guiAddress}${route}`);
      for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
      const res = await fetch(url, {
        method,
        headers: { 'X-API-Key': apiKey, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${route} answered ${res.status}: ${text.trim().slice(0, 200)}`);
      return (text ? JSON.parse(text) : null) as T;
    },
  };
  child.once('error', (error) => {
    instance.exited = `could not start: ${error.message}`;
  });
  child.once('exit', (code, signal) => {
    instance.exited ??= `exited with ${signal ?? `code ${code}`}`;
  });
  return instance;
}

/** Closes the watchdog's pipe and waits for it (and so Syncthing) to end; SIGKILL after 10 s. */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stdin?.end();
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

function describeLogs(instances: readonly Running[]): string {
  return instances
    .map((i) => {
      const tail = i.logTail(12);
      const state = i.exited ? ` (${i.exited})` : '';
      return `--- ${i.name}${state}, last log lines:\n${tail.length ? tail.join('\n') : '(nothing logged)'}`;
    })
    .join('\n');
}

/** Polls `check` every 100 ms until it returns a value, or throws `describe()` after `timeoutMs`. */
async function until<T>(
  timeoutMs: number,
  check: () => Promise<T | undefined>,
  describe: () => string,
  instances: readonly Running[],
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  for (;;) {
    const dead = instances.find((i) => i.exited);
    if (dead) throw new HarnessError(`Syncthing ${dead.name} ${dead.exited}.\n${describeLogs(instances)}`);
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() >= deadline) {
      const why = describe() + (lastError ? ` Last error: ${lastError}` : '');
      throw new HarnessError(`${why} (after ${Math.round(timeoutMs / 1000)} s)\n${describeLogs(instances)}`);
    }
    await delay(POLL_MS);
  }
}

interface Connections {
  connections: Record<string, { connected: boolean; paused?: boolean }>;
}
interface SystemStatus {
  myID: string;
  connectionServiceStatus?: Record<string, { error: string | null }>;
}

async function allConnected(instances: readonly Running[], want: boolean): Promise<boolean> {
  for (const instance of instances) {
    const { connections } = await instance.rest<Connections>('GET', '/rest/system/connections');
    for (const peer of instances) {
      if (peer === instance) continue;
      if ((connections[peer.deviceId]?.connected ?? false) !== want) return false;
    }
  }
  return true;
}

/** Until the instance answers REST as itself and its listener is up (or has said why not). */
async function waitReady(instance: Running, all: readonly Running[], timeoutMs: number): Promise<void> {
  let seen = 'no answer';
  await until(
    timeoutMs,
    async () => {
      const status = await instance.rest<SystemStatus>('GET', '/rest/system/status');
      if (status.myID !== instance.deviceId) {
        throw new Error(`the REST API on ${instance.guiAddress} is another Syncthing (${status.myID})`);
      }
      const listener = status.connectionServiceStatus?.[instance.listenAddress];
      seen = listener ? `listener error: ${listener.error}` : 'listener not started';
      if (listener?.error) {
        throw new HarnessError(
          `Syncthing ${instance.name} cannot listen on ${instance.listenAddress}: ${listener.error}`,
        );
      }
      return listener ? true : undefined;
    },
    () => `Syncthing ${instance.name} did not become ready on ${instance.guiAddress} (${seen}).`,
    all,
  );
}

async function generate(binary: string, home: string): Promise<{ deviceId: string; config: string }> {
  const { stdout, stderr } = await run(
    binary,
    ['generate', `--home=${home}`, '--no-default-folder', '--skip-port-probing'],
    { env: { ...process.env, HOME: home, STNODEFAULTFOLDER: '1' }, timeout: 30_000 },
  );
  const deviceId = /Device ID:\s*([A-Z2-7]{7}(?:-[A-Z2-7]{7}){7})/.exec(`${stdout}\n${stderr}`)?.[1];
  if (!deviceId) throw new Error(`'syncthing generate' printed no device ID:\n${stdout}${stderr}`);
  return { deviceId, config: await readFile(path.join(home, 'config.xml'), 'utf8') };
}

async function startOnce(options: Required<Omit<StartOptions, 'instanceEnv' | 'ignore'>> & StartOptions): Promise<{
  instances: Running[];
  base: string;
}> {
  const started = Date.now();
  const base = await mkdtemp(path.join(tmpdir(), BASE_PREFIX));
  await writeFile(path.join(base, OWNER_FILE), String(process.pid));
  const instances: Running[] = [];
  try {
    const names = Array.from({ length: options.count }, (_, i) => String.fromCharCode(65 + i));
    const generated = await Promise.all(
      names.map(async (name) => {
        const home = path.join(base, name, 'home');
        const folder = path.join(base, name, 'folder');
        // The folder marker must exist, or Syncthing refuses the folder ("folder marker missing").
        await mkdir(path.join(folder, '.stfolder'), { recursive: true });
        if (options.ignore) await writeFile(path.join(folder, '.stignore'), `${options.ignore.join('\n')}\n`);
        return { name, home, folder, ...(await generate(options.binary, home)) };
      }),
    );
    const ports = await freePorts(2 * names.length);
    const specs = generated.map((g, i) => ({
      ...g,
      guiAddress: `127.0.0.1:${ports[2 * i]}`,
      listenAddress: `tcp://127.0.0.1:${ports[2 * i + 1]}`,
      apiKey: randomBytes(24).toString('base64url'),
    }));
    for (const spec of specs) {
      const xml = configureInstance(spec.config, {
        deviceId: spec.deviceId,
        name: spec.name,
        guiAddress: spec.guiAddress,
        apiKey: spec.apiKey,
        listenAddress: spec.listenAddress,
        peers: specs
          .filter((p) => p !== spec)
          .map((p) => ({ deviceId: p.deviceId, name: p.name, address: p.listenAddress })),
        folder: {
          id: options.folderId,
          path: spec.folder,
          rescanIntervalS: options.rescanIntervalS,
          fsWatcherDelayS: options.fsWatcherDelayS,
        },
      });
      await writeFile(path.join(spec.home, 'config.xml'), xml, { mode: 0o600 });
    }
    for (const [i, spec] of specs.entries()) {
      instances.push(startProcess(options.binary, spec, spec.apiKey, options.instanceEnv?.[i] ?? {}));
    }
    const deadline = started + options.startTimeoutMs;
    await Promise.all(instances.map((i) => waitReady(i, instances, Math.max(1_000, deadline - Date.now()))));
    await until(
      Math.max(1_000, deadline - Date.now()),
      async () => ((await allConnected(instances, true)) ? true : undefined),
      () => 'The Syncthing instances did not connect to each other.',
      instances,
    );
    return { instances, base };
  } catch (error) {
    await Promise.all(instances.map((i) => stopProcess(i.child)));
    await rm(base, { recursive: true, force: true });
    throw error;
  }
}

const BASE_PREFIX = 'tessera-sync-';
const OWNER_FILE = 'owner.pid';

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temporary folders of earlier runs whose test process is gone (killed before stop():
 * the watchdog stopped their Syncthing, but nobody removed the folder). A folder of a live run, or
 * without an owner, is left alone.
 */
async function removeAbandonedFolders(): Promise<void> {
  const names = (await readdir(tmpdir())).filter((n) => n.startsWith(BASE_PREFIX));
  for (const name of names) {
    const dir = path.join(tmpdir(), name);
    const owner = Number((await readFile(path.join(dir, OWNER_FILE), 'utf8').catch(() => '')).trim());
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && !processAlive(owner)) {
      await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    }
  }
}

/**
 * Whether a path (relative, `/`-separated) is one that `.stignore` lines keep out of the sync. Only
 * the forms the tests write: a name pattern with `*` and `?`, optionally after `(?d)`, matched
 * against every path segment (an unanchored Syncthing pattern matches at any depth).
 */
export function ignoreMatcher(lines: readonly string[]): (relativePath: string) => boolean {
  const patterns = lines
    .map((line) => line.replace(/^\(\?d\)/, '').trim())
    .filter((line) => line !== '' && !line.startsWith('//'))
    .map((glob) => {
      const body = glob
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '[^/]*')
        .replace(/\?/g, '[^/]');
      return new RegExp(`^${body}$`);
    });
  return (relativePath) => relativePath.split('/').some((segment) => patterns.some((p) => p.test(segment)));
}

/** Starts the instances, shares the folder and waits until they are connected. */
export async function startSyncthing(options: StartOptions): Promise<SyncthingCluster> {
  const opts = {
    count: 2,
    folderId: 'tessera',
    rescanIntervalS: 5,
    fsWatcherDelayS: 1,
    // Three attempts stay within the sync project's 90 s hook timeout (vitest.config.ts).
    startTimeoutMs: 20_000,
    attempts: 3,
    ...options,
  };
  const started = Date.now();
  await removeAbandonedFolders();
  const failures: string[] = [];
  let attempt: { instances: Running[]; base: string } | null = null;
  for (let n = 1; n <= opts.attempts && !attempt; n++) {
    try {
      attempt = await startOnce(opts);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      failures.push(`attempt ${n}: ${message}`);
      // Only a start that went wrong at run time is worth repeating (a port taken meanwhile, a
      // process that died); a broken binary or config fails the same way again.
      if (!(error instanceof HarnessError)) break;
    }
  }
  if (!attempt) throw new Error(`Could not start ${opts.count} Syncthing instances.\n${failures.join('\n')}`);

  const { instances, base } = attempt;
  const startedInMs = Date.now() - started;
  let stopped = false;

  const waitConnected = async (timeoutMs = 30_000, want = true) => {
    await until(
      timeoutMs,
      async () => ((await allConnected(instances, want)) ? true : undefined),
      () => `The Syncthing instances did not ${want ? 'connect to' : 'disconnect from'} each other.`,
      instances,
    );
  };

  const folderQuery = { folder: opts.folderId };
  const ignored = ignoreMatcher(opts.ignore ?? []);
  /** The snapshot without the files `.stignore` keeps on their computer. */
  const synced = (snapshot: FolderSnapshot): FolderSnapshot =>
    new Map([...snapshot].filter(([name]) => !ignored(name)));
  const waitInSync = async (timeoutMs = 30_000): Promise<SyncReport> => {
    const t0 = Date.now();
    let previous: FolderSnapshot | null = null;
    let why = 'not checked yet';
    return until(
      timeoutMs,
      async () => {
        const snapshots = await Promise.all(instances.map(async (i) => synced(await snapshotFolder(i.folder))));
        const settled = async (): Promise<string | null> => {
          for (const instance of instances) {
            const status = await instance.rest<FolderStatus>('GET', '/rest/db/status', folderQuery);
            if (status.state !== 'idle') return `${instance.name}'s folder is ${status.state}`;
            if (status.needTotalItems !== 0) return `${instance.name} still needs ${status.needTotalItems} item(s)`;
            for (const peer of instances) {
              if (peer === instance) continue;
              const c = await instance.rest<Completion>('GET', '/rest/db/completion', {
                ...folderQuery,
                device: peer.deviceId,
              });
              if (c.completion !== 100 || c.needItems !== 0 || c.needDeletes !== 0) {
                return `${instance.name} sees ${peer.name} at ${c.completion} % (${c.needItems} item(s) to go)`;
              }
            }
          }
          if (!(await allConnected(instances, true))) return 'the instances are not all connected';
          const first = snapshots[0] as FolderSnapshot;
          for (const [k, s] of snapshots.entries()) {
            if (!sameSnapshot(first, s)) {
              return `the folders differ (${describeDifference(first, s, instances[0]!.name, instances[k]!.name)})`;
            }
          }
          return null;
        };
        const problem = await settled();
        why = problem ?? 'settled once';
        if (problem) {
          previous = null;
          return undefined;
        }
        const snapshot = snapshots[0] as FolderSnapshot;
        // Twice in a row with the same contents: a folder between a scan and a pull never passes.
        if (previous && sameSnapshot(previous, snapshot)) return { snapshot, elapsedMs: Date.now() - t0 };
        previous = snapshot;
        return undefined;
      },
      () => `The Syncthing folders did not come into sync: ${why}.`,
      instances,
    );
  };

  const setPaused = async (paused: boolean, timeoutMs: number) => {
    const route = `/rest/config/folders/${encodeURIComponent(opts.folderId)}`;
    await Promise.all(instances.map((i) => i.rest('PATCH', route, {}, { paused })));
    let states: string[] = [];
    await until(
      timeoutMs,
      async () => {
        states = [];
        for (const instance of instances) {
          const status = await instance.rest<FolderStatus>('GET', '/rest/db/status', folderQuery);
          states.push(`${instance.name}: ${JSON.stringify(status.state)}`);
          // Syncthing 1.19 reports a paused folder's state as "" (no folder running); later ones say "paused".
          if ((status.state === '' || status.state === 'paused') !== paused) return undefined;
        }
        return true;
      },
      () => `The shared folder did not ${paused ? 'pause' : 'resume'} on every instance (${states.join(', ')}).`,
      instances,
    );
  };

  return {
    instances,
    folderId: opts.folderId,
    startedInMs,
    waitConnected: (timeoutMs) => waitConnected(timeoutMs, true),
    waitInSync,
    async rescan() {
      await Promise.all(instances.map((i) => i.rest('POST', '/rest/db/scan', folderQuery)));
    },
    pause: (timeoutMs = 30_000) => setPaused(true, timeoutMs),
    resume: (timeoutMs = 30_000) => setPaused(false, timeoutMs),
    async stop() {
      if (stopped) return;
      stopped = true;
      await Promise.all(instances.map((i) => stopProcess(i.child)));
      await rm(base, { recursive: true, force: true });
    },
  };
}
