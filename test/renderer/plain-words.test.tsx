// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Words for people (issue 13, item 8): the window says what happened and what to do in plain
 * words, and keeps the technical detail one click away, behind "Details". The vault facts, the
 * strength advice, the import dialog's errors, the accounts an import cannot take, the recovery
 * key and quick unlock (issue 19).
 */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadStrengthChecker } from '../../renderer/shared/password-strength';
import {
  entry,
  fail,
  importCandidate,
  installFakeApi,
  lockedStatus,
  QUICK_UNLOCK_OFF,
  quickUnlockOn,
  reviewStep,
} from './fake-api';
import { flush, renderApp, renderUnlocked } from './helpers';

/** What a person should not have to read outside "Details". */
const DEVELOPER_WORDS = /'[\w-]+'|base32|base64|wire type|protobuf|argon2|\bMiB\b|page related/i;

/** How the recovery key works inside, which a person need not read to keep and use one. */
const RECOVERY_JARGON = /X25519|BLAKE2b|Crockford|base32|slot|seal|\bbits\b|key pair|re-?key/i;

/** How quick unlock works inside: the OS keyring's names, sealing, where the key lives. */
const QUICK_UNLOCK_JARGON =
  /safeStorage|DPAPI|basic_text|Keychain|Secret Service|seal|material|in memory|biometric|\bkey\b/i;

/** The text of `root` outside every Details disclosure. */
function textOutsideDetails(root: HTMLElement): string {
  const copy = root.cloneNode(true) as HTMLElement;
  for (const d of copy.querySelectorAll('details')) d.remove();
  return copy.textContent ?? '';
}

beforeAll(async () => {
  await loadStrengthChecker();
}, 60_000);

describe('plain words, details one click away', () => {
  it('Settings tells how the master password is protected in words; Argon2id is behind Details', async () => {
    await renderUnlocked([entry()], []);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Settings' }));
    await flush();
    const vault = within(screen.getByRole('dialog', { name: 'Settings' })).getByRole('region', {
      name: 'About this vault',
    });
    expect(textOutsideDetails(vault)).not.toMatch(DEVELOPER_WORDS);
    expect(textOutsideDetails(vault)).toContain(
      'Strong: each guess at your master password costs about half a second of work for this computer and 256 MB of memory, so trying passwords one after another is slow.',
    );
    const details = within(vault).getByText('Details').closest('details') as HTMLDetailsElement;
    expect(details.open).toBe(false);
    expect(details.textContent).toContain(
      'Argon2id, 3 passes, 256 MiB of memory per guess; computed by the native Argon2id (480 ms when this vault was opened).',
    );
  });

  it('the strength advice is in plain words; the checker’s own phrases are gone', async () => {
    const check = await loadStrengthChecker();
    const said = ['tesseravault', 'qwertyuiop', 'password', 'Password1', 'aaaaaaaa', 'abcdef123', '19841984', 'john']
      .map((p) => check(p))
      .flatMap((a) => [a.warning, ...a.suggestions])
      .filter((t) => t !== '');
    expect(said.length).toBeGreaterThan(5);
    for (const text of said) expect(text).not.toMatch(DEVELOPER_WORDS);
    expect(said).toContain('Words like “Tessera”, “vault” or “password” are the first anyone tries: leave them out.');
    expect(said.join(' ')).not.toMatch(/keyboard patterns and change typing direction/);
  });

  it('an import failure shows the plain sentence first, the detail behind Details', async () => {
    const fake = await renderUnlocked([entry()], [], {
      state: {
        importStep: fail({
          code: 'import-failed',
          message: 'This TOTP Authenticator backup is damaged: export it from the app again.',
          details: 'This TOTP Authenticator backup is not base64 of encrypted data.',
        }),
      },
    });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Import' }));
    const dialog = screen.getByRole('dialog', { name: 'Import accounts' });
    await user.click(within(dialog).getByRole('button', { name: 'Open image or export file…' }));
    expect(fake.api.imports.openFiles).toHaveBeenCalled();
    const alert = within(dialog).getByRole('alert');
    expect(textOutsideDetails(alert)).toBe('This TOTP Authenticator backup is damaged: export it from the app again.');
    const details = within(alert).getByText('Details').closest('details') as HTMLDetailsElement;
    expect(details.open).toBe(false);
    expect(details.textContent).toContain('not base64 of encrypted data');
    await user.click(within(details).getByText('Details'));
    expect(details.open).toBe(true);
  });

  it('accounts an import cannot take: the reason in words, the detail behind Details', async () => {
    await renderUnlocked([entry()], [], {
      state: {
        importStep: reviewStep({
          candidates: [importCandidate({ source: 'aegis.json' })],
          skipped: [
            {
              source: 'aegis.json',
              label: 'GitHub (alice)',
              message: 'its secret key is damaged in the file',
              details: 'the secret is not valid base32: ‘!’ at position 3',
            },
            { source: 'aegis.json', label: 'Old', message: '“motp” codes are not supported by Tessera' },
          ],
        }),
      },
    });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Import' }));
    const dialog = screen.getByRole('dialog', { name: 'Import accounts' });
    await user.click(within(dialog).getByRole('button', { name: 'Scan screen' }));
    const section = within(dialog).getByRole('region', { name: 'Can’t be imported' });
    const [first, second] = within(section).getAllByRole('listitem');
    expect(textOutsideDetails(first as HTMLElement)).toBe('GitHub (alice): its secret key is damaged in the file');
    expect(
      within(first as HTMLElement)
        .getByText('Details')
        .closest('details')?.textContent,
    ).toContain('not valid base32');
    expect(within(second as HTMLElement).queryByText('Details')).toBeNull();
  });

  it('the recovery key is explained in plain words: in Settings, when it is shown, and on the unlock screen', async () => {
    await renderUnlocked([entry()], []);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Settings' }));
    await flush();
    const section = within(screen.getByRole('dialog', { name: 'Settings' })).getByRole('region', {
      name: 'Recovery key',
    });
    expect(textOutsideDetails(section)).toContain(
      'If you forget your master password, a recovery key is the only way back in. Keep it on paper, away from this computer.',
    );
    expect(textOutsideDetails(section)).not.toMatch(DEVELOPER_WORDS);
    expect(textOutsideDetails(section)).not.toMatch(RECOVERY_JARGON);

    await user.click(within(section).getByRole('button', { name: 'Make a recovery key…' }));
    await user.type(within(section).getByLabelText('Master password'), 'correct horse battery{Enter}');
    const dialog = await screen.findByRole('dialog', { name: 'Your recovery key' });
    const shown = textOutsideDetails(dialog);
    expect(shown).not.toMatch(DEVELOPER_WORDS);
    expect(shown).not.toMatch(RECOVERY_JARGON);
    const printed = screen.getByTestId('recovery-print').textContent ?? '';
    expect(printed).not.toMatch(RECOVERY_JARGON);
  });

  it('the unlock screen’s recovery form speaks plainly', async () => {
    installFakeApi({ status: lockedStatus('idle') });
    renderApp();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Forgot your password?' }));
    const card = await screen.findByRole('main');
    const text = textOutsideDetails(card);
    expect(text).not.toMatch(DEVELOPER_WORDS);
    expect(text).not.toMatch(RECOVERY_JARGON);
    expect(text).toContain('Spaces, dashes and capitals do not matter.');
  });

  it('quick unlock speaks plainly: in Settings, while setting it up, and on the unlock screen', async () => {
    await renderUnlocked([entry()], [], { state: { quickUnlock: { ...QUICK_UNLOCK_OFF, touchIdAvailable: true } } });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Settings' }));
    await flush();
    const section = within(screen.getByRole('dialog', { name: 'Settings' })).getByRole('region', {
      name: 'Quick unlock',
    });
    const check = (text: string): void => {
      expect(text).not.toMatch(DEVELOPER_WORDS);
      expect(text).not.toMatch(QUICK_UNLOCK_JARGON);
    };
    check(textOutsideDetails(section));
    expect(textOutsideDetails(section)).toContain('Anyone who knows the PIN and uses this computer account can open');
    await user.click(within(section).getByRole('button', { name: 'Set up quick unlock…' }));
    check(textOutsideDetails(section));
    await user.click(within(section).getByRole('button', { name: 'Next' }));
    // The PIN's shape, said when it is missing.
    check(textOutsideDetails(section));
    await user.type(within(section).getByLabelText('PIN'), '493817');
    await user.type(within(section).getByLabelText('Type the PIN again'), '493817{Enter}');
    check(textOutsideDetails(section));
    await user.type(within(section).getByLabelText('Master password'), 'correct horse battery{Enter}');
    await flush();
    check(textOutsideDetails(section));
  });

  it('the unlock screen’s PIN form speaks plainly', async () => {
    installFakeApi({ status: lockedStatus(null), quickUnlock: quickUnlockOn({ attemptsLeft: 2 }) });
    renderApp();
    await flush();
    const card = await screen.findByRole('main');
    expect(textOutsideDetails(card)).not.toMatch(DEVELOPER_WORDS);
    expect(textOutsideDetails(card)).not.toMatch(QUICK_UNLOCK_JARGON);
  });
});
