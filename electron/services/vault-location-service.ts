// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The vault's place in the desktop app (`vault:location`, `vault:move`, `vault:move-merge`,
 * `vault:choose-folder`, `vault:choose-file`): which file the app uses now and how it was found,
 * moving the open vault to another folder (vault-move.ts), and, while no vault is open, choosing
 * where a new one goes (the first run) or where the vault went (when this computer's pointer names
 * a file that is not there). Folders and files are picked in main's dialogs, never named by the
 * window. The path the other services read changes here, and only here.
 */
import path from 'node:path';
import type { VaultLocationProblem, VaultLocationSource, VaultLocationView, VaultMoveOutcome } from '../domain';
import { inspectVault, VaultError, type UnlockedVault, type VaultOptions } from '../vault';
import type { DesktopPorts } from './desktop-ports';
import {
  isMissing,
  missingVaultMessage,
  vaultPathProblem,
  writeVaultLocation,
  type ResolvedVaultLocation,
} from './vault-location';
import { moveVault, type MoveVaultResult } from './vault-move';
import type { VaultService } from './vault-service';

export interface VaultLocationServiceDeps {
  /** The app's data folder on this computer, where the pointer lives. */
  readonly dataFolder: string;
  /** The default vault file in that folder. */
  readonly defaultPath: string;
  /** Where the vault was found at start (vault-location.ts). */
  readonly initial: ResolvedVaultLocation;
  readonly desktop: Pick<DesktopPorts, 'pickFolder' | 'pickFiles'>;
  readonly vault: () => Pick<VaultService, 'isUnlocked' | 'open' | 'announce' | 'replaceSession'>;
  /** How to open a vault file at a path (the app's KDF, clock and hooks). */
  readonly optionsFor: (vaultPath: string) => VaultOptions | Promise<VaultOptions>;
  /** Before the open session is swapped for one over the moved file: stop following the old file. */
  readonly beforeSwitch: () => Promise<void>;
  /** After the swap (or a failed one, if a vault is still open): follow the file again. */
  readonly afterSwitch: () => void;
}

export interface VaultLocationService {
  /** The vault file the app uses now. */
  path(): string;
  view(): VaultLocationView;
  /** No vault open: the folder dialog; a new vault goes there (or the vault already there is used). */
  chooseFolder(): Promise<VaultLocationView>;
  /** No vault open: the open dialog for the vault file (when it is not where this computer's setting says). */
  chooseFile(): Promise<VaultLocationView>;
  /** The open vault: the folder dialog, then the move. */
  move(): Promise<VaultMoveOutcome>;
  /** The folder of the last move holds this vault: merge with it (with its password when it differs), then move. */
  moveMerge(password: string | null): Promise<VaultMoveOutcome>;
  /** A vault was created or opened: a place chosen at the first run is remembered now. */
  opened(): Promise<void>;
}

interface Place {
  path: string;
  source: VaultLocationSource;
  problem: VaultLocationProblem | null;
  /** Chosen in the first run and not yet remembered: written to the pointer once a vault is there. */
  pending: boolean;
  /** The folder of a move waiting for "merge" (its folder holds this vault). */
  moveFolder: string | null;
  moving: boolean;
}

function refuse(message: string): VaultError {
  return new VaultError('io', message);
}

export function createVaultLocationService(deps: VaultLocationServiceDeps): VaultLocationService {
  const place: Place = { ...deps.initial, pending: false, moveFolder: null, moving: false };
  const fileName = path.basename(deps.defaultPath);
  const sourceOf = (file: string): VaultLocationSource =>
    path.resolve(file) === path.resolve(deps.defaultPath) ? 'default' : 'computer';
  const movable = (): boolean => place.source === 'computer' || place.source === 'default';

  function view(): VaultLocationView {
    return {
      path: place.path,
      folder: path.dirname(place.path),
      source: place.source,
      defaultFolder: path.dirname(deps.defaultPath),
      movable: movable(),
      problem: currentProblem(),
    };
  }

  /** A missing file is looked at again each time: a drive may have been connected since. */
  function currentProblem(): VaultLocationProblem | null {
    if (place.problem?.kind === 'damaged') return place.problem;
    if (place.source === 'computer' && !place.pending && isMissing(place.path)) {
      return { kind: 'missing', message: missingVaultMessage(place.path) };
    }
    return null;
  }

  function assertMovable(): void {
    if (movable()) return;
    const how = place.source === 'option' ? 'the --vault option' : 'the TESSERA_VAULT environment variable';
    throw refuse(
      `Tessera was started with ${how}, which names the vault file, so it cannot move or choose it here. Move the ` +
        'file yourself and change that option, or start Tessera without it.',
    );
  }

  function assertClosed(): void {
    if (deps.vault().isUnlocked()) {
      throw refuse('The vault is open. Move it with “Move to another folder…” in Settings › Vault file.');
    }
  }

  /** The app uses `file` from now on; `remember` writes the pointer now (else once a vault is opened there). */
  async function useFile(file: string, remember: boolean): Promise<VaultLocationView> {
    if (remember) await writeVaultLocation(deps.dataFolder, sourceOf(file) === 'default' ? null : file);
    place.path = file;
    place.source = sourceOf(file);
    place.problem = null;
    place.pending = !remember;
    await deps.vault().announce();
    return view();
  }

  async function run(folder: string, merge: { password?: string } | undefined): Promise<VaultMoveOutcome> {
    const session = deps.vault().open();
    if (place.moving) throw refuse('The vault is being moved already. Wait until that is done.');
    place.moving = true;
    let result: MoveVaultResult;
    try {
      result = await moveVault({
        vault: session,
        toFolder: folder,
        dataFolder: deps.dataFolder,
        defaultPath: deps.defaultPath,
        optionsFor: deps.optionsFor,
        merge,
        switchTo: (next) => switchTo(next),
      });
    } finally {
      place.moving = false;
    }
    if (result.status === 'same-vault') {
      place.moveFolder = folder;
      return { status: 'same-vault', folder };
    }
    if (result.status === 'needs-password') {
      place.moveFolder = folder;
      return { status: 'needs-password', folder, message: result.message };
    }
    place.moveFolder = null;
    const merged = result.merged;
    return {
      status: 'moved',
      location: view(),
      merged: merged
        ? {
            added: merged.added,
            changed: merged.changed,
            removed: merged.removed,
            conflictNotes: merged.conflictNotes,
            passwordFromCopy: merged.passwordNowFrom === 'copy',
          }
        : null,
      leftBehind: result.leftBehind,
    };
  }

  /** The moved file becomes the app's vault: its path first (the status pushed names it), then the session. */
  async function switchTo(next: UnlockedVault): Promise<void> {
    const before = { path: place.path, source: place.source, problem: place.problem };
    await deps.beforeSwitch();
    try {
      place.path = next.path;
      place.source = sourceOf(next.path);
      place.problem = null;
      place.pending = false;
      await deps.vault().replaceSession(next);
    } catch (error) {
      Object.assign(place, before);
      throw error;
    } finally {
      if (deps.vault().isUnlocked()) deps.afterSwitch();
    }
  }

  return {
    path: () => place.path,
    view,
    async chooseFolder() {
      assertClosed();
      assertMovable();
      const chosen = await deps.desktop.pickFolder({
        title: 'Choose where to keep the vault',
        defaultPath: path.dirname(place.path),
      });
      if (chosen === null) return view();
      const file = path.join(path.resolve(chosen), fileName);
      if (isMissing(file)) return useFile(file, false);
      try {
        await inspectVault(file);
      } catch (error) {
        const why = error instanceof Error ? ` (${error.message})` : '';
        throw refuse(
          `${path.dirname(file)} already holds a file named ${fileName} that Tessera cannot open as a vault${why}. ` +
            'Choose another folder.',
        );
      }
      // A vault is there already (say, synchronised from another computer): it is the one to unlock.
      return useFile(file, true);
    },
    async chooseFile() {
      assertClosed();
      assertMovable();
      const files = await deps.desktop.pickFiles({
        title: 'Choose the vault file',
        filters: [{ name: 'Tessera vault', extensions: ['tessera'] }],
      });
      const picked = files?.[0];
      if (picked === undefined) return view();
      const file = path.resolve(picked);
      const problem = vaultPathProblem(file);
      if (problem) throw refuse(`Tessera cannot use ${file} as the vault: ${problem}. Choose a .tessera file.`);
      await inspectVault(file);
      return useFile(file, true);
    },
    async move() {
      deps.vault().open();
      assertMovable();
      const chosen = await deps.desktop.pickFolder({
        title: 'Move the vault to another folder',
        defaultPath: path.dirname(place.path),
      });
      if (chosen === null) return { status: 'cancelled' };
      place.moveFolder = null;
      return run(path.resolve(chosen), undefined);
    },
    async moveMerge(password) {
      deps.vault().open();
      assertMovable();
      const folder = place.moveFolder;
      if (folder === null) {
        throw refuse('Choose the folder again with “Move to another folder…”.');
      }
      return run(folder, password === null ? {} : { password });
    },
    async opened() {
      if (!place.pending) return;
      await writeVaultLocation(deps.dataFolder, place.source === 'default' ? null : place.path);
      place.pending = false;
    },
  };
}
