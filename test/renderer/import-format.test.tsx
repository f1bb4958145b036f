// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The import dialog's format choice (the CLI's `--format`) and its list of supported apps (issue 13,
 * item 7): both come from main's importer registry over IPC; the chosen format travels with the
 * file, up front or after the detection failed; "Detect automatically" sends none.
 */
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { entry, fail, IMPORT_FORMATS, importCandidate, reviewStep } from './fake-api';
import { flush, renderUnlocked } from './helpers';

const importDialog = () => screen.getByRole('dialog', { name: 'Import accounts' });

const UNKNOWN = fail({
  code: 'import-failed',
  field: 'format',
  message:
    'Tessera does not recognise mystery.bin as an export of an app it supports. If you know which app made it, choose that app under “Format” and open the file again.',
});

async function openDialog() {
  const fake = await renderUnlocked([entry()], []);
  const user = userEvent.setup();
  await user.click(screen.getByRole('button', { name: 'Import' }));
  await flush();
  return { fake, user, dialog: importDialog() };
}

function filesTransfer(files: File[]) {
  return { dataTransfer: { types: ['Files'], files, dropEffect: 'none' } };
}

describe('import dialog: supported apps and the format', () => {
  it('lists the supported apps main reads, from main’s list', async () => {
    const { fake, dialog } = await openDialog();
    expect(fake.api.imports.formats).toHaveBeenCalled();
    const apps = within(dialog).getByRole('list', { name: 'Supported apps' });
    expect(
      within(apps)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(IMPORT_FORMATS.map((f) => f.name));
  });

  it('offers “Detect automatically” and every format, and sends the chosen one with the opened file', async () => {
    const { fake, user, dialog } = await openDialog();
    const format = within(dialog).getByLabelText('Format') as HTMLSelectElement;
    expect(format.value).toBe('');
    expect([...format.options].map((o) => o.textContent)).toEqual([
      'Detect automatically',
      ...IMPORT_FORMATS.map((f) => f.name),
    ]);
    await user.click(within(dialog).getByRole('button', { name: 'Open image or export file…' }));
    expect(fake.api.imports.openFiles).toHaveBeenLastCalledWith();

    await user.selectOptions(format, 'Aegis');
    await user.click(within(dialog).getByRole('button', { name: 'Open image or export file…' }));
    expect(fake.api.imports.openFiles).toHaveBeenLastCalledWith('aegis');
  });

  it('sends the chosen format with a dropped file', async () => {
    const { fake, user, dialog } = await openDialog();
    await user.selectOptions(within(dialog).getByLabelText('Format'), '2FAS');
    const file = new File([new Uint8Array([1, 2, 3])], 'backup.bin');
    fireEvent.drop(document.body, filesTransfer([file]));
    await flush();
    expect(fake.api.imports.readFile).toHaveBeenCalledExactlyOnceWith('backup.bin', expect.any(Uint8Array), '2fas');
  });

  it('when the detection fails: the message, the format choice beside it, and “open again” as the chosen app', async () => {
    const { fake, user, dialog } = await openDialog();
    vi.mocked(fake.api.imports.openFiles).mockResolvedValueOnce(UNKNOWN);
    await user.click(within(dialog).getByRole('button', { name: 'Open image or export file…' }));
    const alert = within(dialog).getByRole('alert');
    expect(alert.textContent).toContain('does not recognise mystery.bin');
    const retry = within(dialog).getByRole('group', { name: 'Read the file as another app’s export' });
    const format = within(retry).getByLabelText('Format') as HTMLSelectElement;
    expect(document.activeElement).toBe(format);
    expect(within(dialog).getAllByLabelText('Format')).toHaveLength(1);

    await user.selectOptions(format, 'Aegis');
    fake.state.importStep = reviewStep({ title: 'Aegis', candidates: [importCandidate({ issuer: 'GitHub' })] });
    await user.click(within(retry).getByRole('button', { name: 'Open the file again as Aegis…' }));
    expect(fake.api.imports.openFiles).toHaveBeenLastCalledWith('aegis');
    expect(within(importDialog()).getByRole('checkbox', { name: /GitHub/ })).toBeTruthy();
    expect(within(importDialog()).queryByRole('alert')).toBeNull();
  });

  it('reads a dropped file again, as the chosen app, without dropping it again', async () => {
    const { fake, user, dialog } = await openDialog();
    vi.mocked(fake.api.imports.readFile).mockResolvedValueOnce(UNKNOWN);
    const file = new File([new Uint8Array([9, 8, 7])], 'mystery.bin');
    fireEvent.drop(document.body, filesTransfer([file]));
    await flush();
    const retry = within(dialog).getByRole('group', { name: 'Read the file as another app’s export' });
    await user.selectOptions(within(retry).getByLabelText('Format'), 'andOTP');
    await user.click(within(retry).getByRole('button', { name: 'Read “mystery.bin” again as andOTP' }));
    await flush();
    expect(fake.api.imports.readFile).toHaveBeenLastCalledWith('mystery.bin', expect.any(Uint8Array), 'andotp');
    expect([...(vi.mocked(fake.api.imports.readFile).mock.lastCall?.[1] ?? [])]).toEqual([0, 0, 0]); // wiped after
  });
});
