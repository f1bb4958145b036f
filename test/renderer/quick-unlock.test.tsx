// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The unlock screen with quick unlock (issue 19): the PIN first when it is set up (Enter submits,
 * "Use the master password instead" and back), "Unlock with Touch ID" above the password form, main's
 * refusal in its words with the tries left, and, when quick unlock stopped, main's sentence once above
 * the password form. "Forgot your password?" stays.
 */
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { VaultStatus } from '../../electron/domain';
import type { Result } from '../../electron/ipc/contract';
import { attemptsLeftText } from '../../renderer/shared/quick-unlock-words';
import {
  entry,
  fail,
  installFakeApi,
  lockedStatus,
  QUICK_UNLOCK_LAPSED_PINS,
  QUICK_UNLOCK_OFF,
  quickUnlockOn,
  snapshot,
  type FakeState,
} from './fake-api';
import { deferred, flush, renderApp } from './helpers';

const PIN = '246810';
const PASSWORD = 'correct horse battery';

/** A locked vault with one account, quick unlock as given; the app rendered and settled. */
async function renderLocked(state: Partial<FakeState> = {}) {
  const github = entry({ issuer: 'GitHub', account: 'alice@example.com' });
  const fake = installFakeApi({
    status: lockedStatus(null),
    entries: [github],
    codes: [snapshot(github.id, '123456', Date.now() + 20_000)],
    quickUnlockPin: PIN,
    ...state,
  });
  renderApp();
  await flush();
  return { fake, user: userEvent.setup() };
}

const pinField = () => screen.getByLabelText('PIN') as HTMLInputElement;
const codesShown = () => screen.findByRole('button', { name: 'GitHub, alice@example.com, code 123 456' });

describe('unlock with quick unlock', () => {
  it('without quick unlock: the master password alone, as before', async () => {
    await renderLocked({ quickUnlock: QUICK_UNLOCK_OFF });
    expect(document.activeElement).toBe(screen.getByLabelText('Master password'));
    expect(screen.getByText('Enter your master password to see your codes.')).toBeTruthy();
    expect(screen.queryByLabelText('PIN')).toBeNull();
    expect(screen.queryByRole('button', { name: /instead/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Unlock with Touch ID' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Forgot your password?' })).toBeTruthy();
  });

  it('with a PIN: the PIN comes first, focused; Enter opens the vault with it', async () => {
    const { fake, user } = await renderLocked({ quickUnlock: quickUnlockOn() });
    expect(document.activeElement).toBe(pinField());
    expect(pinField().type).toBe('password');
    expect(screen.getByText('Enter your PIN to see your codes.')).toBeTruthy();
    expect(screen.queryByLabelText('Master password')).toBeNull();
    expect(screen.getByRole('button', { name: 'Unlock' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Forgot your password?' })).toBeTruthy();

    await user.type(pinField(), `${PIN}{Enter}`);
    expect(fake.api.quickUnlock.unlock).toHaveBeenCalledWith(PIN);
    expect(await codesShown()).toBeTruthy();
    expect(fake.api.vault.unlock).not.toHaveBeenCalled();
  });

  it('a wrong PIN: main’s words and the tries left; the field is emptied and keeps the focus', async () => {
    const { fake, user } = await renderLocked({ quickUnlock: quickUnlockOn() });
    const asked = vi.mocked(fake.api.quickUnlock.status).mock.calls.length;
    await user.type(pinField(), '135799{Enter}');
    const alert = await screen.findByRole('alert');
    // Main's words already count the tries: said once.
    expect(alert.textContent).toBe('The PIN is wrong. 4 tries are left before quick unlock is switched off.');
    // Main was asked again how many tries are left.
    expect(vi.mocked(fake.api.quickUnlock.status).mock.calls.length).toBeGreaterThan(asked);
    expect(pinField().value).toBe('');
    expect(pinField().getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(pinField());

    for (const left of [3, 2]) {
      await user.type(pinField(), '135799{Enter}');
      await flush();
      expect(screen.getByRole('alert').textContent).toMatch(new RegExp(`^The PIN is wrong. ${left} tries are left`));
    }
    // Main's words without the count: the status's count is added.
    vi.mocked(fake.api.quickUnlock.unlock).mockImplementationOnce(async () => {
      fake.state.quickUnlock = { ...fake.state.quickUnlock, attemptsLeft: 1 };
      return fail({ code: 'wrong-password-or-tampered', field: 'pin', message: 'That PIN is not right.' });
    });
    await user.type(pinField(), '135799{Enter}');
    await flush();
    expect(screen.getByRole('alert').textContent).toBe(
      'That PIN is not right. One more wrong PIN switches quick unlock off.',
    );
    await user.type(pinField(), `${PIN}{Enter}`);
    expect(await codesShown()).toBeTruthy();
  });

  it('says what a PIN looks like instead of spending a try on something that cannot be one', async () => {
    const { fake, user } = await renderLocked({ quickUnlock: quickUnlockOn() });
    await user.type(pinField(), '{Enter}');
    expect(screen.getByRole('alert').textContent).toBe('Type your PIN.');
    await user.type(pinField(), '1234{Enter}');
    expect(screen.getByRole('alert').textContent).toBe(
      'A PIN has at least 6 digits or letters, without spaces or symbols.',
    );
    expect(fake.api.quickUnlock.unlock).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(pinField());
  });

  it('says the tries left from earlier failures before the first try', async () => {
    await renderLocked({ quickUnlock: quickUnlockOn({ attemptsLeft: 2 }) });
    expect(pinField().getAttribute('aria-describedby')).toBe('unlock-pin-hint');
    expect(screen.getByText(attemptsLeftText(2))).toBeTruthy();
  });

  it('“Use the master password instead” and back, from the keyboard', async () => {
    const { fake, user } = await renderLocked({ quickUnlock: quickUnlockOn() });
    const toPassword = screen.getByRole('button', { name: 'Use the master password instead' });
    toPassword.focus();
    await user.keyboard('{Enter}');
    const password = screen.getByLabelText('Master password');
    expect(document.activeElement).toBe(password);
    expect(screen.queryByLabelText('PIN')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Use your PIN instead' }));
    expect(document.activeElement).toBe(pinField());
    await user.click(screen.getByRole('button', { name: 'Use the master password instead' }));
    await user.type(screen.getByLabelText('Master password'), `${PASSWORD}{Enter}`);
    expect(await codesShown()).toBeTruthy();
    expect(fake.api.vault.unlock).toHaveBeenCalledWith(PASSWORD);
    expect(fake.api.quickUnlock.unlock).not.toHaveBeenCalled();
  });

  it('5 wrong PINs: quick unlock is off, main’s sentence stands once above the password form, which works', async () => {
    const { fake, user } = await renderLocked({ quickUnlock: quickUnlockOn() });
    for (let i = 0; i < 5; i++) {
      await user.type(pinField(), '000000{Enter}');
      await flush();
    }
    expect(fake.api.quickUnlock.unlock).toHaveBeenCalledTimes(5);
    const password = screen.getByLabelText('Master password');
    expect(document.activeElement).toBe(password);
    expect(screen.queryByLabelText('PIN')).toBeNull();
    expect(screen.queryByRole('button', { name: /instead/ })).toBeNull();
    const said = screen.getAllByText(QUICK_UNLOCK_LAPSED_PINS);
    expect(said).toHaveLength(1);
    expect(said[0]?.getAttribute('role')).toBe('status');
    // Above the password form.
    expect(said[0]!.compareDocumentPosition(password) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Forgot your password?' })).toBeTruthy();

    await user.type(password, `${PASSWORD}{Enter}`);
    expect(await codesShown()).toBeTruthy();
  });

  it('the sentence is said until the vault opens, not at every lock after', async () => {
    const { fake, user } = await renderLocked({
      quickUnlock: { ...QUICK_UNLOCK_OFF, lapsedReason: QUICK_UNLOCK_LAPSED_PINS },
    });
    expect(screen.getByText(QUICK_UNLOCK_LAPSED_PINS)).toBeTruthy();
    await user.type(screen.getByLabelText('Master password'), `${PASSWORD}{Enter}`);
    expect(await codesShown()).toBeTruthy();
    // Main keeps its reason until quick unlock is set up again; the window said it already.
    fake.emitStatus(lockedStatus('manual'));
    await flush();
    expect(screen.getByLabelText('Master password')).toBeTruthy();
    expect(screen.queryByText(QUICK_UNLOCK_LAPSED_PINS)).toBeNull();
    // Set up again and lapsed again: said again.
    fake.emitQuickUnlock(quickUnlockOn());
    fake.emitQuickUnlock({ ...QUICK_UNLOCK_OFF, lapsedReason: QUICK_UNLOCK_LAPSED_PINS });
    expect(screen.getByText(QUICK_UNLOCK_LAPSED_PINS)).toBeTruthy();
  });

  it('a lapse main reports on opening is said once, above the password form', async () => {
    const reason = 'Quick unlock ended after 14 days. Enter your master password; you can set it up again in Settings.';
    await renderLocked({ quickUnlock: { ...QUICK_UNLOCK_OFF, lapsedReason: reason } });
    expect(screen.getAllByText(reason)).toHaveLength(1);
    expect(document.activeElement).toBe(screen.getByLabelText('Master password'));
    expect(screen.queryByLabelText('PIN')).toBeNull();
  });

  it('with Touch ID: the button above the password form; a refusal in main’s words', async () => {
    const { fake, user } = await renderLocked({
      quickUnlock: quickUnlockOn({ method: 'touch-id', touchIdAvailable: true, attemptsLeft: null }),
    });
    const touch = screen.getByRole('button', { name: 'Unlock with Touch ID' });
    const password = screen.getByLabelText('Master password');
    expect(touch.compareDocumentPosition(password) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(screen.getByText('Use Touch ID or your master password to see your codes.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /instead/ })).toBeNull();

    vi.mocked(fake.api.quickUnlock.unlock).mockResolvedValueOnce(
      fail({ code: 'unavailable', message: 'Touch ID was cancelled. Try again, or use your master password.' }),
    );
    await user.click(touch);
    expect(fake.api.quickUnlock.unlock).toHaveBeenCalledWith(null);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Touch ID was cancelled. Try again, or use your master password.',
    );
    await user.click(touch);
    expect(await codesShown()).toBeTruthy();
  });

  it('shows progress while main checks the PIN and ignores a second submit', async () => {
    const { fake, user } = await renderLocked({ quickUnlock: quickUnlockOn() });
    const answer = deferred<Result<VaultStatus>>();
    vi.mocked(fake.api.quickUnlock.unlock).mockReturnValueOnce(answer.promise);
    await user.type(pinField(), `${PIN}{Enter}`);
    expect(screen.getByRole('progressbar', { name: 'Unlocking…' })).toBeTruthy();
    expect(pinField().readOnly).toBe(true);
    expect((screen.getByRole('button', { name: 'Forgot your password?' }) as HTMLButtonElement).disabled).toBe(true);
    await user.keyboard('{Enter}');
    expect(fake.api.quickUnlock.unlock).toHaveBeenCalledTimes(1);
    answer.resolve(fail({ code: 'wrong-password-or-tampered', message: 'That PIN is not right.' }));
    await screen.findByRole('alert');
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('follows main: quick unlock set up or switched off elsewhere changes the screen', async () => {
    const { fake } = await renderLocked({ quickUnlock: QUICK_UNLOCK_OFF });
    expect(screen.getByLabelText('Master password')).toBeTruthy();
    fake.emitQuickUnlock(quickUnlockOn());
    expect(document.activeElement).toBe(pinField());
    fake.emitQuickUnlock(QUICK_UNLOCK_OFF);
    expect(screen.getByLabelText('Master password')).toBeTruthy();
    expect(screen.queryByLabelText('PIN')).toBeNull();
  });

  it('when main cannot say, the master password is asked', async () => {
    const fake = installFakeApi({ status: lockedStatus('idle') });
    vi.mocked(fake.api.quickUnlock.status).mockResolvedValue(fail({ code: 'internal', message: 'Something failed.' }));
    renderApp();
    expect(await screen.findByLabelText('Master password')).toBeTruthy();
    expect(screen.getByText('Locked after a period without activity.')).toBeTruthy();
  });
});
