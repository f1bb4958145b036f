// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * `tessera clock` against a time server on 127.0.0.1 (the harness's check refuses any other), and
 * `tessera code` with `--offset` or the correction the desktop app stored on this computer, which it
 * applies without asking the network.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Secret, TOTP } from 'otpauth';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ClockMeasurement } from '../../../electron/domain';
import type { TimeCheck } from '../../../electron/time/time-check';
import { serverReply, startSntpResponder, type Responder } from '../../helpers/sntp-responder';
import { copyVault, createFixtureVault, HELLO_B32, NOW, PASSWORD, runCli, tempDir } from './harness';

let dir: string;
let cleanup: () => Promise<void>;
let template: string;
let responder: Responder | null = null;

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  template = path.join(dir, 'template.tessera');
  await createFixtureVault(template);
});
afterAll(() => cleanup());
afterEach(async () => {
  await responder?.close();
  responder = null;
});

/** A responder whose clock is `offsetMs` ahead of the CLI's (fixed) clock, so figures are exact. */
async function serverAhead(offsetMs: number): Promise<Responder> {
  responder = await startSntpResponder();
  responder.answer = (request) => serverReply(request, { receiveMs: NOW + offsetMs, transmitMs: NOW + offsetMs });
  return responder;
}

let configs = 0;
/** An app data folder (`$XDG_CONFIG_HOME/Tessera`) holding these desktop settings; the env that points at it. */
function appSettings(settings: Record<string, unknown>): Record<string, string> {
  const config = path.join(dir, `config-${++configs}`);
  mkdirSync(path.join(config, 'Tessera'), { recursive: true });
  writeFileSync(path.join(config, 'Tessera', 'settings.json'), JSON.stringify({ version: 1, ...settings }));
  return { XDG_CONFIG_HOME: config };
}

const totpAt = (ms: number): string =>
  new TOTP({ secret: Secret.fromBase32(HELLO_B32), digits: 6, period: 30, algorithm: 'SHA1' }).generate({
    timestamp: ms,
  });

/** A time check that fails the test if anything asks it. */
const NEVER: TimeCheck = {
  measure: () => {
    throw new Error('tessera code must not check the clock');
  },
};

const correction = (offsetMs: number): ClockMeasurement => ({
  server: 'pool.ntp.org',
  offsetMs,
  roundTripMs: 20,
  at: NOW - 60_000,
});

describe('tessera clock', () => {
  it('--json prints the server, offset and round trip', async () => {
    const server = await serverAhead(42_000);
    const r = await runCli(['clock', '--server', server.server, '--json']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(r.stdout)).toEqual({ server: server.server, offsetMs: 42_000, roundTripMs: 0 });
    expect(server.requests).toHaveLength(1);
  });

  it('says in words how far off the clock is, and what to do beyond 15 s', async () => {
    const server = await serverAhead(42_000);
    const r = await runCli(['clock', '--server', server.server]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      `This computer’s clock is 42 seconds behind ${server.server} (difference +42000 ms, round trip 0 ms).\n` +
        'Codes may be refused. Set the computer’s clock right, or use the corrected time: “Use the corrected ' +
        "time” in the desktop app, or 'tessera code QUERY --offset=42'.\n",
    );
  });

  it('says when the clock is right, or ahead', async () => {
    let server = await serverAhead(120);
    expect((await runCli(['clock', '--server', server.server])).stdout).toBe(
      `This computer’s clock agrees with ${server.server} (difference +120 ms, round trip 0 ms).\n`,
    );
    await server.close();
    server = await serverAhead(-3_000);
    expect((await runCli(['clock', '--server', server.server])).stdout).toBe(
      `This computer’s clock is 3 seconds ahead of ${server.server} (difference -3000 ms, round trip 0 ms).\n`,
    );
  });

  it('asks the desktop app’s server when --server is not given', async () => {
    const server = await serverAhead(5_000);
    const r = await runCli(['clock', '--json'], { env: appSettings({ clockServer: server.server }) });
    expect(JSON.parse(r.stdout)).toMatchObject({ server: server.server, offsetMs: 5_000 });
  });

  it('asks nothing when the app’s check is off, unless --server is given', async () => {
    const server = await serverAhead(5_000);
    const env = appSettings({ clockCheck: false, clockServer: server.server });
    const r = await runCli(['clock'], { env });
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(r.stderr).toBe(
      'tessera: Checking the clock is turned off in Tessera’s settings. Pass --server HOST to check anyway.\n',
    );
    expect(server.requests).toHaveLength(0);
    expect((await runCli(['clock', '--server', server.server, '--json'], { env })).code).toBe(0);
  });

  it('exits 5 when the server does not answer', async () => {
    responder = await startSntpResponder();
    responder.answer = () => null;
    const r = await runCli(['clock', '--server', responder.server]);
    expect(r).toMatchObject({ code: 5, stdout: '' });
    expect(r.stderr).toMatch(/^tessera: The time server 127\.0\.0\.1:\d+ did not answer within 1 second\. /);
  });

  it('exits 1 for a server that is not a host[:port]', async () => {
    const r = await runCli(['clock', '--server', 'pool.ntp.org:99999']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Invalid '--server': The port after “:” must be a number from 1 to 65535\./);
  });
});

describe('tessera code and the clock', () => {
  it('--offset 60 gives the code of now + 60 s', async () => {
    const vault = await copyVault(template, dir);
    const args = ['--vault', vault, 'code', 'github', '--json', '--password-stdin'];
    const r = await runCli([...args, '--offset', '60'], { stdin: `${PASSWORD}\n`, timeCheck: NEVER });
    expect(r.code).toBe(0);
    const [line] = JSON.parse(r.stdout).codes;
    expect(totpAt(NOW + 60_000)).not.toBe(totpAt(NOW));
    expect(line).toMatchObject({ code: totpAt(NOW + 60_000), secondsLeft: 10 });
    const behind = await runCli([...args, '--offset=-1.5'], { stdin: `${PASSWORD}\n` });
    expect(JSON.parse(behind.stdout).codes[0].code).toBe(totpAt(NOW - 1_500));
  });

  it('applies the correction stored on this computer, says so, and asks no server', async () => {
    const vault = await copyVault(template, dir);
    const env = appSettings({ clockCorrection: correction(60_000) });
    const args = ['--vault', vault, 'code', 'github', '--json', '--password-stdin'];
    const r = await runCli(args, { stdin: `${PASSWORD}\n`, env, timeCheck: NEVER });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).codes[0]).toMatchObject({ code: totpAt(NOW + 60_000), secondsLeft: 10 });
    expect(r.stderr).toMatch(
      /^Using the corrected time chosen in Tessera: this computer’s clock was 60 seconds behind when last checked\. Pass --offset=0 to use the computer’s clock\.\n/m,
    );
    // --offset wins over the stored correction.
    const own = await runCli([...args, '--offset', '0'], { stdin: `${PASSWORD}\n`, env, timeCheck: NEVER });
    expect(JSON.parse(own.stdout).codes[0].code).toBe(totpAt(NOW));
  });

  it('reads the correction from the app’s data folder, never beside the vault', async () => {
    const vault = await copyVault(template, dir);
    writeFileSync(
      path.join(path.dirname(vault), 'settings.json'),
      JSON.stringify({ version: 1, clockCorrection: correction(60_000) }),
    );
    const r = await runCli(['--vault', vault, 'code', 'github', '--json', '--password-stdin'], {
      stdin: `${PASSWORD}\n`,
    });
    expect(JSON.parse(r.stdout).codes[0].code).toBe(totpAt(NOW));
  });

  it('--at is an exact instant: no stored correction, and not with --offset', async () => {
    const vault = await copyVault(template, dir);
    const env = appSettings({ clockCorrection: correction(60_000) });
    const at = await runCli(['--vault', vault, 'code', 'github', '--json', '--at', String(NOW), '--password-stdin'], {
      stdin: `${PASSWORD}\n`,
      env,
    });
    expect(JSON.parse(at.stdout).codes[0].code).toBe(totpAt(NOW));
    const both = await runCli(['--vault', vault, 'code', 'github', '--at', '0', '--offset', '1']);
    expect(both.code).toBe(1);
    expect(both.stderr).toMatch(/Give either --at or --offset, not both/);
  });

  it('refuses an --offset that is not seconds', async () => {
    for (const offset of ['abc', '1e3', '--', '99999999999999']) {
      const r = await runCli(['code', 'github', `--offset=${offset}`]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/Invalid '--offset': expected seconds such as 42 or -1\.5/);
    }
  });
});
