// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The clock in the window: the warning when main measured the clock off by more than 15 s, in plain
 * words with the exact figures behind "Details"; "Use the corrected time" and the note while it is
 * in use; codes that roll over on the corrected time; and the clock part of Settings.
 */
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ClockMeasurement, ClockStatus } from '../../electron/domain';
import { sharedRingImages } from '../../renderer/codes/rings/shared-ring-images';
import { DEFAULT_CLOCK_STATUS, entry, fail, snapshot } from './fake-api';
import { flush, renderUnlocked, rowDescriptions, rowNames } from './helpers';

vi.mock('../../renderer/codes/rings/ring-image-render', () => ({ renderRingImage: vi.fn(async () => null) }));

const AT = Date.parse('2030-01-01T09:30:00.000Z');

const measurement = (offsetMs: number): ClockMeasurement => ({
  server: 'pool.ntp.org',
  offsetMs,
  roundTripMs: 18,
  at: AT,
});

const measured = (offsetMs: number, extra: Partial<ClockStatus> = {}): ClockStatus => ({
  ...DEFAULT_CLOCK_STATUS,
  measured: measurement(offsetMs),
  warning: Math.abs(offsetMs) > 15_000,
  ...extra,
});

async function showCodes(clockStatus: ClockStatus) {
  const github = entry({ issuer: 'GitHub', account: 'alice' });
  return renderUnlocked([github], [snapshot(github.id, '123456', Date.now() + 20_000)], { state: { clockStatus } });
}

afterEach(() => {
  sharedRingImages().dispose();
});

describe('the clock warning', () => {
  it('says nothing while the clock is within 15 s', async () => {
    await showCodes(measured(14_999));
    expect(screen.queryByTestId('clock-notice')).toBeNull();
  });

  it('says plainly how far off the clock is, with the figures behind Details', async () => {
    await showCodes(measured(42_317));
    const notice = screen.getByRole('alert');
    expect(notice.textContent).toContain('Your computer’s clock is 42 seconds behind. Codes may be refused.');
    expect(within(notice).getByRole('button', { name: 'Use the corrected time' })).toBeTruthy();
    const details = notice.querySelector('details');
    expect(details?.open).toBe(false);
    await userEvent.setup().click(within(notice).getByText('Details'));
    expect(details?.open).toBe(true);
    expect(details?.textContent).toMatch(
      /Measured against pool\.ntp\.org on .+: difference \+42,317 ms, round trip 18 ms\./,
    );
  });

  it('says “ahead” for a clock that runs ahead', async () => {
    await showCodes(measured(-185_000));
    expect(screen.getByRole('alert').textContent).toContain('Your computer’s clock is 3 minutes ahead.');
  });

  it('appears when main reports a measurement', async () => {
    const fake = await showCodes(DEFAULT_CLOCK_STATUS);
    expect(screen.queryByTestId('clock-notice')).toBeNull();
    fake.emitClock(measured(-20_000));
    expect(screen.getByRole('alert').textContent).toContain('Your computer’s clock is 20 seconds ahead.');
  });

  it('uses the corrected time when asked, says so while it is in use, and goes back', async () => {
    const fake = await showCodes(measured(42_317));
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Use the corrected time' }));
    expect(fake.api.clock.useCorrected).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('alert')).toBeNull();
    const note = screen.getByTestId('clock-notice');
    expect(note.textContent).toContain('Codes use the corrected time. Your computer’s clock is 42 seconds behind.');
    await user.click(within(note).getByRole('button', { name: 'Use the computer’s clock' }));
    expect(fake.api.clock.useSystem).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('alert').textContent).toContain('42 seconds behind');
  });

  it('shows why main refused', async () => {
    const fake = await showCodes(measured(42_317));
    fake.api.clock.useCorrected = vi.fn(async () =>
      fail({ code: 'vault-locked', message: 'The vault is locked. Unlock it first.' }),
    );
    await userEvent.setup().click(screen.getByRole('button', { name: 'Use the corrected time' }));
    expect(screen.getByTestId('clock-notice').textContent).toContain('The vault is locked. Unlock it first.');
  });
});

describe('codes on the corrected time', () => {
  it('roll over at validUntil on the corrected time, and count down on it', async () => {
    vi.useFakeTimers({ now: AT });
    const github = entry({ issuer: 'GitHub', account: 'alice' });
    // Main computes codes for this computer's time + 60 s: validUntil is 3 s after the corrected now.
    await renderUnlocked([github], [snapshot(github.id, '111111', AT + 63_000, { next: '222222' })], {
      fakeTimers: true,
      state: { clockStatus: { ...DEFAULT_CLOCK_STATUS, correction: measurement(60_000) } },
    });
    await flush();
    expect(rowDescriptions()).toEqual(['next code 222 222 3 seconds left']);
    act(() => void vi.advanceTimersByTime(2_900));
    expect(rowNames()).toEqual(['GitHub, alice, code 111 111']);
    act(() => void vi.advanceTimersByTime(200));
    expect(rowNames()).toEqual(['GitHub, alice, code 222 222']);
  });
});

describe('the clock in Settings', () => {
  async function openSettings(clockStatus: ClockStatus = DEFAULT_CLOCK_STATUS) {
    const fake = await showCodes(clockStatus);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Settings' }));
    return { fake, user, dialog: screen.getByRole('dialog', { name: 'Settings' }) };
  }

  it('turns the check off and on', async () => {
    const { fake, user, dialog } = await openSettings();
    const box = within(dialog).getByLabelText('Check the clock') as HTMLInputElement;
    expect(box.checked).toBe(true);
    expect(within(dialog).getByText(/Off: Tessera uses no network at all\./)).toBeTruthy();
    await user.click(box);
    expect(fake.api.settings.update).toHaveBeenLastCalledWith({ clockCheck: false });
    expect(within(dialog).queryByRole('button', { name: 'Check now' })).toBeNull();
    expect(within(dialog).getByText('The clock is not checked.')).toBeTruthy();
  });

  it('saves the time server when the field is left, and shows main’s refusal next to it', async () => {
    const { fake, user, dialog } = await openSettings();
    const field = within(dialog).getByLabelText('Time server') as HTMLInputElement;
    expect(field.value).toBe('pool.ntp.org');
    await user.clear(field);
    await user.type(field, 'time.example.com:1123{Enter}');
    expect(fake.api.settings.update).toHaveBeenLastCalledWith({ clockServer: 'time.example.com:1123' });

    fake.api.settings.update = vi.fn(async () =>
      fail({ code: 'invalid-request', message: 'The port after “:” must be a number from 1 to 65535.' }),
    );
    await user.clear(field);
    await user.type(field, 'pool.ntp.org:99999');
    await user.tab();
    expect(within(dialog).getByText('The port after “:” must be a number from 1 to 65535.')).toBeTruthy();
    expect(field.getAttribute('aria-invalid')).toBe('true');

    await user.clear(field);
    await user.tab();
    expect(within(dialog).getByText('Enter a time server, for example pool.ntp.org.')).toBeTruthy();
  });

  it('checks now, and says what the last check found', async () => {
    const { fake, user, dialog } = await openSettings();
    expect(within(dialog).getByText('Not checked yet: Tessera checks after each unlock.')).toBeTruthy();
    fake.state.clockStatus = measured(2_000);
    await user.click(within(dialog).getByRole('button', { name: 'Check now' }));
    expect(fake.api.clock.check).toHaveBeenCalledTimes(1);
    expect(within(dialog).getByText(/Your computer’s clock is 2 seconds behind\./)).toBeTruthy();
    fake.emitClock(measured(2_000, { problem: 'The time server pool.ntp.org did not answer within 3 seconds.' }));
    expect(within(dialog).getByText('The time server pool.ntp.org did not answer within 3 seconds.')).toBeTruthy();
  });

  it('goes back to the computer’s clock from there too', async () => {
    const { fake, user, dialog } = await openSettings({
      ...measured(42_000),
      warning: false,
      correction: measurement(42_000),
    });
    expect(within(dialog).getByText(/Codes use the corrected time\./)).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Use the computer’s clock' }));
    expect(fake.api.clock.useSystem).toHaveBeenCalledTimes(1);
  });
});
