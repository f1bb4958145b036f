// SPDX-License-Identifier: GPL-3.0-or-later
import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { PREVIEW_DEBOUNCE_MS } from '../../renderer/codes/account-dialogs/CodePreview';
import { renderUnlocked } from './helpers';

const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

async function openAddForm() {
  vi.useFakeTimers({ now: Date.parse('2030-01-01T00:00:10Z') });
  const fake = await renderUnlocked([], [], { fakeTimers: true });
  act(() => {
    screen.getAllByRole('button', { name: 'Add account' })[0]?.click();
  });
  const dialog = screen.getByRole('dialog', { name: 'Add account' });
  const preview = within(dialog).getByTestId('code-preview');
  return { fake, dialog, preview };
}

async function settle(ms = PREVIEW_DEBOUNCE_MS + 10): Promise<void> {
  await act(async () => {
    vi.advanceTimersByTime(ms);
    for (let i = 0; i < 5; i++) await Promise.resolve();
  });
}

describe('live code preview in the add form', () => {
  it('shows the code main computes once typing pauses, sending OTP parameters only', async () => {
    const { fake, dialog, preview } = await openAddForm();
    expect(preview.textContent).toBe('––– –––');
    expect(within(dialog).getByText('Appears when the secret key is entered.')).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText('Issuer', { exact: true }), { target: { value: 'GitHub' } });
    const secret = within(dialog).getByLabelText('Secret key');
    for (const prefix of [SECRET.slice(0, 4), SECRET.slice(0, 8), SECRET]) {
      (secret as HTMLInputElement).value = prefix;
      fireEvent.input(secret);
    }
    expect(fake.api.codes.preview).not.toHaveBeenCalled();
    await settle();
    expect(fake.api.codes.preview).toHaveBeenCalledExactlyOnceWith({
      type: 'totp',
      secret: SECRET,
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
    });
    expect(preview.textContent).toBe('287 082');
    expect(preview.getAttribute('aria-live')).toBeNull();
  });

  it('refreshes once when the previewed code expires', async () => {
    const { fake, dialog } = await openAddForm();
    const secret = within(dialog).getByLabelText('Secret key') as HTMLInputElement;
    secret.value = SECRET;
    fireEvent.input(secret);
    await settle();
    expect(fake.api.codes.preview).toHaveBeenCalledTimes(1);
    await settle(20_010);
    await settle();
    expect(fake.api.codes.preview).toHaveBeenCalledTimes(2);
  });

  it('follows the type and parameters, and says what is wrong with the secret', async () => {
    const { fake, dialog, preview } = await openAddForm();
    const secret = within(dialog).getByLabelText('Secret key') as HTMLInputElement;
    secret.value = 'not base32!';
    fireEvent.input(secret);
    await settle();
    expect(
      within(dialog).getByText('The secret key can only contain the letters A to Z and the digits 2 to 7.'),
    ).toBeTruthy();
    secret.value = SECRET;
    fireEvent.input(secret);
    fireEvent.change(within(dialog).getByLabelText('Type'), { target: { value: 'hotp' } });
    await settle();
    expect(fake.api.codes.preview).toHaveBeenLastCalledWith({
      type: 'hotp',
      secret: SECRET,
      algorithm: 'SHA1',
      digits: 6,
      counter: 0,
    });
    expect(preview.textContent).toBe('755 224');
    // A digits field that is not a number: no request, no stale code.
    fireEvent.change(within(dialog).getByLabelText('Digits'), { target: { value: 'six' } });
    await settle();
    expect(preview.textContent).toBe('––– –––');
  });
});
