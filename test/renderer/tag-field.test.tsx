// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The tag field on its own (a form holding its tags) and in the add form: Enter and a comma add,
 * duplicates ignoring case are not added twice, a tag in use keeps its spelling, the suggestions
 * follow the combobox pattern (aria-activedescendant, ↑/↓ wrapping, Enter takes one, Escape closes
 * the list only), Backspace in the empty field removes the last tag, the limits are said in words,
 * and what is still typed is taken on blur and on sending. The pure part (tag-input.ts) is checked
 * against the domain's rule with fast-check.
 */
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import fc from 'fast-check';
import { useRef, useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ENTRY_LIMITS, normaliseTags, tagKey, tagsProblem } from '../../renderer/shared/domain-values';
import { addTags, splitTyped, suggestTags } from '../../renderer/shared/tag-input';
import { TagField, type TagFieldHandle } from '../../renderer/shared/TagField';
import { entry } from './fake-api';
import { renderUnlocked } from './helpers';

const KNOWN = ['Money', 'Work', 'Workshop', 'Home', 'Mobile'];

/** A form holding the field's tags, as the dialogs do; `saved` hears what Save would send. */
interface FormProps {
  readonly initial?: string[];
  readonly saved?: (tags: string[] | null) => void;
  /** Hears the keys the field lets through (a dialog's Escape listens there). */
  readonly onOuterKey?: (key: string) => void;
}

function Form({ initial = [], saved, onOuterKey }: FormProps) {
  const [tags, setTags] = useState<string[]>(initial);
  const handle = useRef<TagFieldHandle>(null);
  return (
    <form
      onKeyDown={(event) => onOuterKey?.(event.key)}
      onSubmit={(event) => {
        event.preventDefault();
        saved?.(handle.current?.commit() ?? null);
      }}
    >
      <TagField id="tags" tags={tags} onChange={setTags} known={KNOWN} handle={handle} />
      <input aria-label="Notes" />
      <output data-testid="tags">{JSON.stringify(tags)}</output>
      <button type="submit">Save</button>
    </form>
  );
}

function renderField(props: Parameters<typeof Form>[0] = {}) {
  render(<Form {...props} />);
  const user = userEvent.setup();
  const input = screen.getByRole('combobox', { name: 'Tags' }) as HTMLInputElement;
  const tags = (): string[] => JSON.parse(screen.getByTestId('tags').textContent ?? '[]') as string[];
  const chips = (): string[] => [...document.querySelectorAll('.tag-chip-text')].map((c) => c.textContent ?? '');
  const said = (): string => document.querySelector('.tag-field [role="status"]')?.textContent ?? '';
  return { user, input, tags, chips, said };
}

describe('tag field: typing', () => {
  it('adds a tag on Enter and on a comma, and shows each as a chip with a remove button', async () => {
    const { user, input, tags, chips, said } = renderField();
    await user.type(input, '  Family  {Enter}');
    expect(tags()).toEqual(['Family']);
    expect(said()).toBe('Added tag Family.');
    await user.type(input, 'Travel, Bills');
    expect(tags()).toEqual(['Family', 'Travel']);
    expect(input.value).toBe('Bills');
    await user.type(input, ',');
    expect(chips()).toEqual(['Family', 'Travel', 'Bills']);
    expect(input.value).toBe('');
    expect(screen.getByRole('list', { name: 'Tags chosen' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Remove tag Travel' })).toBeTruthy();
  });

  it('takes several tags pasted at once', async () => {
    const { user, input, tags, said } = renderField();
    await user.click(input);
    await user.paste('a, b ,c,');
    expect(tags()).toEqual(['a', 'b', 'c']);
    expect(said()).toBe('Added tags a, b and c.');
  });

  it('adds a tag once, ignoring case, and uses the spelling of a tag in use', async () => {
    const { user, input, tags, said } = renderField({ initial: ['Family'] });
    await user.type(input, 'FAMILY{Enter}');
    expect(tags()).toEqual(['Family']);
    expect(said()).toBe('Family is already there.');
    expect(input.value).toBe('');
    await user.type(input, 'home{Enter}');
    expect(tags()).toEqual(['Family', 'Home']);
    // Enter in an empty field is the form's (it submits).
  });

  it('removes the last tag with Backspace in the empty field only, and a chip with its button', async () => {
    const { user, input, tags, said } = renderField({ initial: ['One', 'Two', 'Three'] });
    await user.type(input, 'x{Backspace}');
    expect(tags()).toEqual(['One', 'Two', 'Three']);
    await user.keyboard('{Backspace}');
    expect(tags()).toEqual(['One', 'Two']);
    expect(said()).toBe('Removed tag Three.');
    await user.click(screen.getByRole('button', { name: 'Remove tag One' }));
    expect(tags()).toEqual(['Two']);
    expect(document.activeElement).toBe(input);
  });

  it('adds what is still typed when the field loses the focus, and when the form saves', async () => {
    const saved = vi.fn();
    const { user, input, tags } = renderField({ saved });
    await user.type(input, 'Typed');
    await user.click(screen.getByRole('textbox', { name: 'Notes' }));
    expect(tags()).toEqual(['Typed']);
    await user.type(input, 'Pending');
    act(() => screen.getByRole<HTMLButtonElement>('button', { name: 'Save' }).form?.requestSubmit());
    expect(saved).toHaveBeenLastCalledWith(['Typed', 'Pending']);
  });
});

describe('tag field: suggestions', () => {
  it('offers the tags in use starting with the text, ignoring case, without those already there', async () => {
    const { user, input } = renderField({ initial: ['Workshop'] });
    expect(input.getAttribute('aria-expanded')).toBe('false');
    await user.type(input, 'wOR');
    const list = screen.getByRole('listbox', { name: 'Tags in use' });
    expect(
      within(list)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Work']);
    expect(input.getAttribute('aria-expanded')).toBe('true');
    expect(input.getAttribute('aria-controls')).toBe(list.id);
    await user.clear(input);
    await user.type(input, 'mo');
    expect(
      within(list)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Mobile', 'Money']);
    await user.type(input, 'x');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(input.getAttribute('aria-expanded')).toBe('false');
  });

  it('moves through them with the arrows (wrapping), as the active descendant, and Enter takes one', async () => {
    const { user, input, tags } = renderField();
    await user.type(input, 'mo');
    const options = (): HTMLElement[] => screen.getAllByRole('option');
    expect(input.hasAttribute('aria-activedescendant')).toBe(false);
    await user.keyboard('{ArrowDown}');
    expect(input.getAttribute('aria-activedescendant')).toBe(options()[0]?.id);
    expect(options()[0]?.getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{ArrowDown}');
    expect(input.getAttribute('aria-activedescendant')).toBe(options()[1]?.id);
    await user.keyboard('{ArrowDown}');
    expect(input.getAttribute('aria-activedescendant')).toBe(options()[0]?.id);
    await user.keyboard('{ArrowUp}');
    expect(input.getAttribute('aria-activedescendant')).toBe(options()[1]?.id);
    await user.keyboard('{Enter}');
    expect(tags()).toEqual(['Money']);
    expect(input.value).toBe('');
    expect(document.activeElement).toBe(input);
  });

  it('shows them all on ↓ in the empty field; a click takes one; Escape closes the list and nothing else', async () => {
    const outer = vi.fn();
    const { user, input, tags } = renderField({ initial: ['Home'], onOuterKey: outer });
    await user.click(input);
    await user.keyboard('{ArrowDown}');
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['Mobile', 'Money', 'Work', 'Workshop']);
    await user.click(screen.getByRole('option', { name: 'Work' }));
    expect(tags()).toEqual(['Home', 'Work']);
    await user.type(input, 'w');
    expect(screen.getByRole('listbox')).toBeTruthy();
    outer.mockClear();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(outer).not.toHaveBeenCalledWith('Escape');
    // With the list closed, Escape goes on to whatever holds the field (a dialog closes).
    await user.keyboard('{Escape}');
    expect(outer).toHaveBeenCalledWith('Escape');
  });
});

describe('tag field: limits', () => {
  it(`says when an account would have more than ${ENTRY_LIMITS.maxTags} tags, and adds nothing`, async () => {
    const full = Array.from({ length: ENTRY_LIMITS.maxTags }, (_, i) => `t${i}`);
    const saved = vi.fn();
    const { user, input, tags } = renderField({ initial: full, saved });
    await user.type(input, 'one more{Enter}');
    expect(tags()).toEqual(full);
    expect(screen.getByRole('alert').textContent).toBe(`An account has at most ${ENTRY_LIMITS.maxTags} tags.`);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toContain('tags-error');
    expect(input.value).toBe('one more');
    // Saving with that text refuses too, and keeps the focus on the field.
    act(() => screen.getByRole<HTMLButtonElement>('button', { name: 'Save' }).form?.requestSubmit());
    expect(saved).toHaveBeenLastCalledWith(null);
    expect(document.activeElement).toBe(input);
    // Removing one lets it in.
    await user.click(screen.getByRole('button', { name: 'Remove tag t0' }));
    expect(screen.queryByRole('alert')).toBeNull();
    await user.click(input);
    await user.keyboard('{Enter}');
    expect(tags()).toHaveLength(ENTRY_LIMITS.maxTags);
    expect(tags().at(-1)).toBe('one more');
  });

  it('says when a tag is too long or holds a control character', async () => {
    const { user, input, tags } = renderField();
    await user.type(input, `${'x'.repeat(ENTRY_LIMITS.tagMaxLength + 1)}{Enter}`);
    expect(screen.getByRole('alert').textContent).toMatch(
      new RegExp(`^A tag is at most ${ENTRY_LIMITS.tagMaxLength} characters long`),
    );
    expect(tags()).toEqual([]);
    await user.clear(input);
    expect(screen.queryByRole('alert')).toBeNull();
    await user.click(input);
    await user.paste('bad\u0007bell');
    await user.keyboard('{Enter}');
    expect(screen.getByRole('alert').textContent).toBe('A tag cannot contain control characters.');
    expect(tags()).toEqual([]);
  });
});

describe('tag field: the rule (tag-input.ts)', () => {
  const tagText = fc.oneof(
    fc.constantFrom('Work', 'work', ' WORK ', 'Home', 'home  office', 'Home Office', ''),
    fc.string({ maxLength: 70 }),
  );

  it('always yields tags the domain accepts, each once ignoring case, or a problem and no change', () => {
    fc.assert(
      fc.property(
        fc.array(tagText, { maxLength: 22 }),
        fc.array(tagText, { maxLength: 5 }),
        fc.array(fc.constantFrom(...KNOWN), { maxLength: 5 }),
        (start, typed, known) => {
          const current = normaliseTags(start)
            .filter((t) => tagsProblem([t]) === null)
            .slice(0, ENTRY_LIMITS.maxTags);
          const outcome = addTags(current, typed, known);
          if (!outcome.ok) {
            expect(outcome.problem.length).toBeGreaterThan(0);
            return;
          }
          expect(tagsProblem(outcome.tags)).toBeNull();
          expect(outcome.tags.slice(0, current.length)).toEqual(current);
          expect(new Set(outcome.tags.map(tagKey)).size).toBe(outcome.tags.length);
          // Adding the same again changes nothing.
          const again = addTags(outcome.tags, typed, known);
          expect(again.ok && again.tags).toEqual(outcome.tags);
          expect(again.ok && again.added).toEqual([]);
        },
      ),
    );
  });

  it('suggests by prefix ignoring case, never a tag already chosen', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 4 }), fc.subarray(KNOWN), (typed, chosen) => {
        const offered = suggestTags(typed, KNOWN, chosen);
        const chosenKeys = new Set(chosen.map(tagKey));
        for (const tag of offered) {
          expect(tagKey(tag).startsWith(tagKey(typed))).toBe(true);
          expect(chosenKeys.has(tagKey(tag))).toBe(false);
        }
        const expected = KNOWN.filter((k) => tagKey(k).startsWith(tagKey(typed)) && !chosenKeys.has(tagKey(k)));
        expect([...offered].sort()).toEqual([...expected].sort());
      }),
    );
  });

  it('splits typed text at commas, keeping what follows the last', () => {
    expect(splitTyped('a,b, c')).toEqual({ complete: ['a', 'b'], rest: ' c' });
    expect(splitTyped('plain')).toEqual({ complete: [], rest: 'plain' });
  });
});

describe('the add form’s tags', () => {
  it('sends the tags with the new account, the text still typed included', async () => {
    const fake = await renderUnlocked([entry({ issuer: 'Bank', tags: ['Money'] })], []);
    const user = userEvent.setup();
    await user.click(screen.getAllByRole('button', { name: 'Add account' })[0] as HTMLElement);
    const dialog = screen.getByRole('dialog', { name: 'Add account' });
    await user.type(within(dialog).getByLabelText('Issuer'), 'GitHub');
    await user.type(within(dialog).getByLabelText('Secret key'), 'JBSWY3DPEHPK3PXP');
    const tags = within(dialog).getByRole('combobox', { name: 'Tags (optional)' });
    await user.type(tags, 'mon');
    const suggestions = within(dialog).getByRole('listbox', { name: 'Tags in use' });
    expect(
      within(suggestions)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Money']);
    await user.keyboard('{ArrowDown}{Enter}');
    await user.type(tags, 'Code');
    await user.click(within(dialog).getByRole('button', { name: 'Add account' }));
    expect(fake.api.entries.add).toHaveBeenCalledExactlyOnceWith(
      expect.objectContaining({ issuer: 'GitHub', tags: ['Money', 'Code'] }),
    );
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('sends no tags when none were given', async () => {
    const fake = await renderUnlocked([], []);
    const user = userEvent.setup();
    await user.click(screen.getAllByRole('button', { name: 'Add account' })[0] as HTMLElement);
    const dialog = screen.getByRole('dialog', { name: 'Add account' });
    await user.type(within(dialog).getByLabelText('Issuer'), 'GitHub');
    await user.type(within(dialog).getByLabelText('Secret key'), 'JBSWY3DPEHPK3PXP');
    await user.click(within(dialog).getByRole('button', { name: 'Add account' }));
    expect(vi.mocked(fake.api.entries.add).mock.calls[0]?.[0]).not.toHaveProperty('tags');
  });
});
