// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Settings › Quick unlock (issue 19): the reason alone where this computer cannot offer it; else what
 * it is and what it risks, setting it up (a PIN typed twice, or Touch ID where there is one, then the
 * master password), how and until when it is on, "Switch off", and the two policies, which are
 * settings applying from the next setup.
 */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  quickUnlockAbout,
  quickUnlockDateText,
  SWITCHED_OFF_NOTICE,
} from '../../renderer/settings/SettingsQuickUnlock';
import { entry, fail, QUICK_UNLOCK_LAPSED_PINS, QUICK_UNLOCK_OFF, quickUnlockOn, type FakeState } from './fake-api';
import { flush, renderUnlocked, settingsView } from './helpers';

const PASSWORD = 'correct horse battery';
const BASIC_TEXT =
  'Quick unlock needs a keyring to keep its key safe, and this computer has none Tessera can use (install GNOME Keyring or KWallet).';

async function openSection(state: Partial<FakeState> = {}) {
  const fake = await renderUnlocked([entry({ issuer: 'GitHub', account: 'alice' })], [], { state });
  const user = userEvent.setup();
  await user.click(screen.getByRole('button', { name: 'Settings' }));
  await flush();
  const section = () =>
    within(screen.getByRole('dialog', { name: 'Settings' })).getByRole('region', { name: 'Quick unlock' });
  return { fake, user, section };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('settings: quick unlock', () => {
  it('where this computer cannot protect it: the reason, and nothing else', async () => {
    const { section } = await openSection({
      quickUnlock: { ...QUICK_UNLOCK_OFF, available: false, unavailableReason: BASIC_TEXT },
    });
    expect(within(section()).getByRole('status').textContent).toBe(BASIC_TEXT);
    expect(within(section()).queryAllByRole('button')).toHaveLength(0);
    expect(within(section()).queryAllByRole('checkbox')).toHaveLength(0);
    expect(within(section()).queryAllByRole('spinbutton')).toHaveLength(0);
    expect(section().textContent).toBe(`Quick unlock${BASIC_TEXT}`);
  });

  it('off: what it is and what it risks, the policies, and “Set up quick unlock…”', async () => {
    const { section } = await openSection();
    expect(within(section()).getByRole('status').textContent).toBe('Quick unlock is off.');
    expect(within(section()).getByText(quickUnlockAbout(false))).toBeTruthy();
    expect(quickUnlockAbout(false)).toBe(
      'Open Tessera on this computer with a short PIN instead of the master password. Anyone who knows the PIN and uses this computer account can open the vault; 5 wrong PINs switch it off.',
    );
    expect(quickUnlockAbout(true)).toBe(
      'Open Tessera on this computer with a short PIN (or Touch ID) instead of the master password. Anyone who knows the PIN and uses this computer account can open the vault; 5 wrong PINs switch it off.',
    );
    const restart = within(section()).getByRole('checkbox', {
      name: 'Ask for the master password after Tessera restarts',
    }) as HTMLInputElement;
    expect(restart.checked).toBe(true);
    const days = within(section()).getByRole('spinbutton', {
      name: 'Ask for the master password every (days)',
    }) as HTMLInputElement;
    expect(days.value).toBe('14');
    expect(days.min).toBe('1');
    expect(days.max).toBe('90');
    expect(within(section()).getByText('Changes here apply the next time you set up quick unlock.')).toBeTruthy();
    expect(within(section()).getByRole('button', { name: 'Set up quick unlock…' })).toBeTruthy();
  });

  it('sets up a PIN: typed twice and checked here, then the master password; says how and until when', async () => {
    const { fake, user, section } = await openSection();
    await user.click(within(section()).getByRole('button', { name: 'Set up quick unlock…' }));
    // No Touch ID here: no choice, the PIN field first.
    expect(within(section()).queryByRole('radio')).toBeNull();
    const pin = within(section()).getByLabelText('PIN') as HTMLInputElement;
    const again = within(section()).getByLabelText('Type the PIN again') as HTMLInputElement;
    expect(document.activeElement).toBe(pin);
    expect(pin.type).toBe('password');
    expect(
      within(section()).getByText('A PIN has at least 6 digits or letters, without spaces or symbols.'),
    ).toBeTruthy();

    await user.type(pin, '12345{Enter}');
    expect(within(section()).getByRole('alert').textContent).toBe(
      'A PIN has at least 6 digits or letters, without spaces or symbols.',
    );
    expect(pin.getAttribute('aria-invalid')).toBe('true');
    await user.clear(pin);
    await user.type(pin, '12 34 56{Enter}');
    expect(within(section()).getByRole('alert').textContent).toMatch(/without spaces or symbols/);
    await user.clear(pin);
    await user.type(pin, 'tessa42');
    await user.type(again, 'tessa43{Enter}');
    expect(within(section()).getByRole('alert').textContent).toBe('The two PINs are not the same.');
    expect(document.activeElement).toBe(again);
    await user.clear(again);
    await user.type(again, 'tessa42{Enter}');

    const master = within(section()).getByLabelText('Master password') as HTMLInputElement;
    expect(document.activeElement).toBe(master);
    expect(within(section()).getByText('Enter your master password to switch on quick unlock.')).toBeTruthy();
    await user.type(master, 'not the password{Enter}');
    expect((await within(section()).findByRole('alert')).textContent).toBe('The password is wrong.');
    expect(fake.api.quickUnlock.enable).toHaveBeenLastCalledWith('pin', 'tessa42', 'not the password');

    await user.clear(master);
    await user.type(master, `${PASSWORD}{Enter}`);
    await flush();
    expect(fake.api.quickUnlock.enable).toHaveBeenLastCalledWith('pin', 'tessa42', PASSWORD);
    const state = within(section()).getByRole('status');
    const expires = fake.state.quickUnlock.expiresAt ?? 0;
    expect(state.textContent).toBe(
      `Quick unlock is on, with a PIN. It works until Tessera restarts, and at most until ${quickUnlockDateText(expires)}.`,
    );
    expect(within(state).getByText(quickUnlockDateText(expires)).getAttribute('datetime')).toBe(
      new Date(expires).toISOString(),
    );
    const off = within(section()).getByRole('button', { name: 'Switch off' });
    expect(document.activeElement).toBe(off);
    expect(within(section()).queryByLabelText('PIN')).toBeNull();
    expect(screen.getByText('Quick unlock is on: use your PIN.')).toBeTruthy();
    expect(
      within(section()).getByText(
        'Changes here apply the next time you set up quick unlock: switch it off and set it up again to use them now.',
      ),
    ).toBeTruthy();
  });

  it('Back from the master password asks for the PIN again; Cancel returns to the button', async () => {
    const { fake, user, section } = await openSection();
    await user.click(within(section()).getByRole('button', { name: 'Set up quick unlock…' }));
    await user.type(within(section()).getByLabelText('PIN'), '864209');
    await user.type(within(section()).getByLabelText('Type the PIN again'), '864209{Enter}');
    await user.click(within(section()).getByRole('button', { name: 'Back' }));
    expect((within(section()).getByLabelText('PIN') as HTMLInputElement).value).toBe('');
    await user.click(within(section()).getByRole('button', { name: 'Cancel' }));
    expect(document.activeElement).toBe(within(section()).getByRole('button', { name: 'Set up quick unlock…' }));
    expect(fake.api.quickUnlock.enable).not.toHaveBeenCalled();
  });

  it('main’s refusal of the PIN brings its field back with main’s words', async () => {
    const { fake, user, section } = await openSection();
    vi.mocked(fake.api.quickUnlock.enable).mockResolvedValueOnce(
      fail({ code: 'invalid-request', field: 'pin', message: 'Choose a PIN that is not all the same digit.' }),
    );
    await user.click(within(section()).getByRole('button', { name: 'Set up quick unlock…' }));
    await user.type(within(section()).getByLabelText('PIN'), '111111');
    await user.type(within(section()).getByLabelText('Type the PIN again'), '111111{Enter}');
    await user.type(within(section()).getByLabelText('Master password'), `${PASSWORD}{Enter}`);
    await flush();
    const pin = within(section()).getByLabelText('PIN');
    expect(within(section()).getByRole('alert').textContent).toBe('Choose a PIN that is not all the same digit.');
    expect(document.activeElement).toBe(pin);
  });

  it('offers Touch ID where this Mac has it: chosen, no PIN is asked', async () => {
    const { fake, user, section } = await openSection({
      quickUnlock: { ...QUICK_UNLOCK_OFF, touchIdAvailable: true },
    });
    expect(within(section()).getByText(quickUnlockAbout(true))).toBeTruthy();
    await user.click(within(section()).getByRole('button', { name: 'Set up quick unlock…' }));
    const group = within(section()).getByRole('group', { name: 'Unlock with' });
    const pinChoice = within(group).getByRole('radio', { name: 'A PIN' }) as HTMLInputElement;
    expect(pinChoice.checked).toBe(true);
    expect(document.activeElement).toBe(pinChoice);
    // Arrow keys move between the choices.
    await user.keyboard('{ArrowDown}');
    expect((within(group).getByRole('radio', { name: 'Touch ID' }) as HTMLInputElement).checked).toBe(true);
    expect(within(section()).queryByLabelText('PIN')).toBeNull();
    await user.click(within(section()).getByRole('button', { name: 'Next' }));
    await user.type(within(section()).getByLabelText('Master password'), `${PASSWORD}{Enter}`);
    await flush();
    expect(fake.api.quickUnlock.enable).toHaveBeenCalledWith('touch-id', null, PASSWORD);
    expect(within(section()).getByRole('status').textContent).toMatch(/^Quick unlock is on, with Touch ID\. /);
  });

  it('on: how and until when; “Switch off” turns it off without the password', async () => {
    const expiresAt = Date.UTC(2030, 2, 14, 12);
    const { fake, user, section } = await openSection({
      quickUnlock: quickUnlockOn({ expiresAt, untilRestart: false }),
      quickUnlockPin: '246810',
    });
    expect(within(section()).getByRole('status').textContent).toBe(
      `Quick unlock is on, with a PIN. It works until ${quickUnlockDateText(expiresAt)}.`,
    );
    expect(within(section()).queryByRole('button', { name: 'Set up quick unlock…' })).toBeNull();
    await user.click(within(section()).getByRole('button', { name: 'Switch off' }));
    await flush();
    expect(fake.api.quickUnlock.disable).toHaveBeenCalledTimes(1);
    expect(within(section()).getByRole('status').textContent).toBe('Quick unlock is off.');
    expect(document.activeElement).toBe(within(section()).getByRole('button', { name: 'Set up quick unlock…' }));
    expect(screen.getByText(SWITCHED_OFF_NOTICE)).toBeTruthy();
  });

  it('until Tessera restarts, when main keeps it in memory only and sets no date', async () => {
    const { section } = await openSection({ quickUnlock: quickUnlockOn({ expiresAt: null, untilRestart: true }) });
    expect(within(section()).getByRole('status').textContent).toBe(
      'Quick unlock is on, with a PIN. It works until Tessera restarts.',
    );
  });

  it('a refused “Switch off” says main’s words and leaves it on', async () => {
    const { fake, user, section } = await openSection({ quickUnlock: quickUnlockOn() });
    vi.mocked(fake.api.quickUnlock.disable).mockResolvedValueOnce(
      fail({ code: 'io', message: 'The keyring did not answer. Try again.' }),
    );
    await user.click(within(section()).getByRole('button', { name: 'Switch off' }));
    expect((await within(section()).findByRole('alert')).textContent).toBe('The keyring did not answer. Try again.');
    expect(within(section()).getByRole('button', { name: 'Switch off' })).toBeTruthy();
  });

  it('says why quick unlock stopped', async () => {
    const { section } = await openSection({
      quickUnlock: { ...QUICK_UNLOCK_OFF, lapsedReason: QUICK_UNLOCK_LAPSED_PINS },
    });
    expect(within(section()).getByRole('note').textContent).toBe(QUICK_UNLOCK_LAPSED_PINS);
  });

  it('follows main’s pushes', async () => {
    const { fake, section } = await openSection();
    fake.emitQuickUnlock(quickUnlockOn({ untilRestart: true, expiresAt: null }));
    expect(within(section()).getByRole('status').textContent).toBe(
      'Quick unlock is on, with a PIN. It works until Tessera restarts.',
    );
  });

  it('the policies are settings: saved at once, the number checked from 1 to 90', async () => {
    const { fake, user, section } = await openSection({ settings: settingsView({ quickUnlockEveryDays: 7 }) });
    await user.click(
      within(section()).getByRole('checkbox', { name: 'Ask for the master password after Tessera restarts' }),
    );
    expect(fake.api.settings.update).toHaveBeenLastCalledWith({ quickUnlockUntilRestart: false });

    const days = within(section()).getByRole('spinbutton', { name: 'Ask for the master password every (days)' });
    expect((days as HTMLInputElement).value).toBe('7');
    for (const bad of ['0', '91', '2.5']) {
      await user.clear(days);
      await user.type(days, `${bad}{Enter}`);
      expect(within(section()).getByRole('alert').textContent).toBe('Choose a whole number of days from 1 to 90.');
    }
    expect(fake.api.settings.update).toHaveBeenCalledTimes(1);
    await user.clear(days);
    await user.type(days, '30{Enter}');
    expect(fake.api.settings.update).toHaveBeenLastCalledWith({ quickUnlockEveryDays: 30 });
    expect(within(section()).queryByRole('alert')).toBeNull();
  });
});
