// SPDX-License-Identifier: GPL-3.0-or-later
/** An encrypted export's password: asked in the dialog, sent once, the field emptied, retried when wrong. */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ImportStep } from '../../electron/domain';
import type { Result } from '../../electron/ipc/contract';
import { entry, importCandidate, ok, reviewStep, type FakeApi } from './fake-api';
import { deferred, flush, renderUnlocked } from './helpers';

const inDialog = () => within(screen.getByRole('dialog', { name: 'Import accounts' }));

const passwordStep = (wrongPassword: boolean): Result<ImportStep> =>
  ok({ step: 'password', fileName: 'aegis-export.json', formatName: 'Aegis', wrongPassword });

async function openEncrypted(): Promise<{ fake: FakeApi; user: ReturnType<typeof userEvent.setup> }> {
  const fake = await renderUnlocked([entry()], [], { state: { importStep: passwordStep(false) } });
  const user = userEvent.setup();
  await user.click(screen.getByRole('button', { name: 'Import' }));
  await user.click(inDialog().getByRole('button', { name: 'Open image or export file…' }));
  await flush();
  return { fake, user };
}

describe('import password step', () => {
  it('asks for the export’s password with the field focused', async () => {
    await openEncrypted();
    expect(
      inDialog().getByText('This Aegis export is encrypted. Enter the password it was exported with.', {
        exact: false,
      }),
    ).toBeTruthy();
    expect(inDialog().getByText('aegis-export.json')).toBeTruthy();
    const field = inDialog().getByLabelText('Export password') as HTMLInputElement;
    expect(field.type).toBe('password');
    expect(document.activeElement).toBe(field);
  });

  it('asks a Tessera backup for its backup password, not an export password', async () => {
    await renderUnlocked([entry()], [], {
      state: {
        importStep: ok({ step: 'password', fileName: 'b.tessera', formatName: 'Tessera backup', wrongPassword: false }),
      },
    });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Import' }));
    await user.click(inDialog().getByRole('button', { name: 'Open image or export file…' }));
    await flush();
    expect(inDialog().getByText('This Tessera backup is encrypted.', { exact: false })).toBeTruthy();
    expect(inDialog().getByLabelText('Backup password')).toBeTruthy();
    expect(inDialog().queryByLabelText('Export password')).toBeNull();
  });

  it('says a wrong password, empties the field, and opens the review with the right one', async () => {
    const { fake, user } = await openEncrypted();
    fake.state.importStep = passwordStep(true);
    await user.type(inDialog().getByLabelText('Export password'), 'hunter2');
    await user.click(inDialog().getByRole('button', { name: 'Continue' }));
    await flush();
    expect(fake.api.imports.filePassword).toHaveBeenLastCalledWith('hunter2');
    const field = inDialog().getByLabelText('Export password') as HTMLInputElement;
    expect(field.value).toBe('');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(inDialog().getByRole('alert').textContent).toBe('Wrong password. Try again.');
    expect(document.activeElement).toBe(field);

    fake.state.importStep = reviewStep({
      title: 'Aegis',
      summary: 'aegis-export.json',
      candidates: [importCandidate({ issuer: 'GitHub', account: 'alice' })],
    });
    await user.type(field, 'correct horse{Enter}');
    await flush();
    expect(fake.api.imports.filePassword).toHaveBeenLastCalledWith('correct horse');
    expect(fake.api.imports.filePassword).toHaveBeenCalledTimes(2);
    expect(inDialog().getByRole('checkbox', { name: 'GitHub, alice' })).toBeTruthy();
  });

  it('shows that main is deriving the key, and keeps the field read-only meanwhile', async () => {
    const { fake, user } = await openEncrypted();
    const answer = deferred<Result<ImportStep>>();
    vi.mocked(fake.api.imports.filePassword).mockReturnValueOnce(answer.promise);
    await user.type(inDialog().getByLabelText('Export password'), 'secret{Enter}');
    expect(inDialog().getByRole('progressbar', { name: 'Checking the password…' })).toBeTruthy();
    expect((inDialog().getByLabelText('Export password') as HTMLInputElement).readOnly).toBe(true);
    answer.resolve(reviewStep({ candidates: [importCandidate()] }));
    await flush();
    expect(inDialog().queryByRole('progressbar')).toBeNull();
    expect(inDialog().getByRole('list', { name: 'Accounts found' })).toBeTruthy();
  });

  it('asks for a password before sending an empty one', async () => {
    const { fake, user } = await openEncrypted();
    await user.click(inDialog().getByRole('button', { name: 'Continue' }));
    expect(fake.api.imports.filePassword).not.toHaveBeenCalled();
    expect(inDialog().getByRole('alert').textContent).toBe('Type the password.');
  });

  it('goes back to the source choice and tells main to drop the file', async () => {
    const { fake, user } = await openEncrypted();
    await user.click(inDialog().getByRole('button', { name: 'Back' }));
    expect(fake.api.imports.cancel).toHaveBeenCalledTimes(1);
    expect(inDialog().getByRole('button', { name: 'Scan screen' })).toBeTruthy();
  });
});
