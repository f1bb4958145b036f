// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The tags of an account, typed as tokens: type a tag and press Enter or a comma to add it,
 * Backspace in the empty field removes the last one, and each tag is a chip with its own "Remove
 * tag …" button. While typing, the tags in use that start with the text (ignoring case) are offered
 * in a list that follows the WAI-ARIA combobox pattern: the focus stays in the text field, ↑/↓ move
 * through the suggestions (`aria-activedescendant`), Enter takes the one shown as active, Escape
 * closes the list. A tag already there is not added twice (ignoring case); one in use elsewhere
 * keeps its spelling; what would break a limit (too many, too long) is said in words under the field
 * and nothing is added. What is added or removed is said politely. The text still typed is added
 * when the field loses the focus, and a form takes it with `handle.commit()` before it saves.
 */
import { useId, useImperativeHandle, useRef, useState, type KeyboardEvent, type Ref, type RefObject } from 'react';
import { CloseIcon } from './Icons';
import { addTags, removeTag, splitTyped, suggestTags, tagList } from './tag-input';

/** What a form asks of the field before it saves. */
export interface TagFieldHandle {
  /**
   * Adds the text still typed and answers the tags to save, or null when that text cannot be added
   * (the problem is then shown on the field, which takes the focus).
   */
  commit(): string[] | null;
}

export interface TagFieldProps {
  /** The text field's id (its label points at it). */
  readonly id: string;
  readonly label?: string;
  readonly tags: readonly string[];
  readonly onChange: (tags: string[]) => void;
  /** The tags in use in the vault, offered while typing. */
  readonly known: readonly string[];
  /** Main's refusal of the tags, if any. */
  readonly error?: string | null;
  readonly autoFocus?: boolean;
  readonly handle?: Ref<TagFieldHandle>;
  /** The text field, e.g. for a dialog's first focus. */
  readonly inputRef?: RefObject<HTMLInputElement | null>;
}

const HINT = 'Press Enter or type a comma to add a tag; Backspace removes the last one.';

export function TagField(props: TagFieldProps) {
  const { id, label = 'Tags', tags, onChange, known, error, autoFocus, handle } = props;
  const base = useId();
  const listId = `${base}-suggestions`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const ownRef = useRef<HTMLInputElement>(null);
  const inputRef = props.inputRef ?? ownRef;
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [problem, setProblem] = useState<string | null>(null);
  const [said, setSaid] = useState({ key: 0, text: '' });
  const suggestions = open ? suggestTags(text, known, tags) : [];
  const activeOption = active >= 0 && active < suggestions.length ? active : -1;
  const shownError = problem ?? error ?? null;

  const say = (sentence: string): void => setSaid((s) => ({ key: s.key + 1, text: sentence }));

  /** Adds typed tags; answers the new list, or null after showing the problem. */
  function add(typed: readonly string[]): string[] | null {
    const outcome = addTags(tags, typed, known);
    if (!outcome.ok) {
      setProblem(outcome.problem);
      return null;
    }
    setProblem(null);
    if (outcome.added.length > 0) {
      onChange(outcome.tags);
      say(`Added ${outcome.added.length === 1 ? 'tag' : 'tags'} ${tagList(outcome.added)}.`);
    } else if (outcome.already.length > 0) {
      say(`${tagList(outcome.already)} ${outcome.already.length === 1 ? 'is' : 'are'} already there.`);
    }
    return outcome.tags;
  }

  /** Adds the whole text typed; clears it when it was added. */
  function commitText(): string[] | null {
    if (text.trim() === '') return [...tags];
    const added = add(splitTyped(`${text},`).complete);
    if (added !== null) {
      setText('');
      setOpen(false);
      setActive(-1);
    }
    return added;
  }

  useImperativeHandle(handle, () => ({
    commit() {
      const result = commitText();
      if (result === null) inputRef.current?.focus();
      return result;
    },
  }));

  function remove(tag: string): void {
    onChange(removeTag(tags, tag));
    setProblem(null);
    say(`Removed tag ${tag}.`);
  }

  function onText(value: string): void {
    const { complete, rest } = splitTyped(value);
    setProblem(null);
    setActive(-1);
    setOpen(rest.trim() !== '');
    // Space before a tag is no part of it (the space after a comma above all).
    if (complete.length === 0) return setText(value.trimStart());
    // A comma completes the tags before it; what follows stays typed (kept whole when they cannot be added).
    setText(add(complete) === null ? value : rest.trimStart());
  }

  function pick(tag: string): void {
    if (add([tag]) === null) return;
    setText('');
    setOpen(false);
    setActive(-1);
    inputRef.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>): void {
    const count = suggestions.length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) {
        setOpen(true);
        setActive(event.key === 'ArrowDown' ? 0 : suggestTags(text, known, tags).length - 1);
        return;
      }
      if (count === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive(activeOption < 0 ? (step > 0 ? 0 : count - 1) : (activeOption + step + count) % count);
    } else if (event.key === 'Enter') {
      const chosen = suggestions[activeOption];
      if (chosen !== undefined) {
        event.preventDefault();
        pick(chosen);
      } else if (text.trim() !== '') {
        // With text typed, Enter adds it; in an empty field it submits the form.
        event.preventDefault();
        commitText();
      }
    } else if (event.key === 'Escape' && open && count > 0) {
      // Closes the list only, not the dialog around the field.
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
      setActive(-1);
    } else if (event.key === 'Backspace' && text === '' && tags.length > 0) {
      const last = tags[tags.length - 1];
      if (last !== undefined) {
        event.preventDefault();
        remove(last);
      }
    }
  }

  const optionId = (i: number): string => `${base}-option-${i}`;
  const describedBy = [hintId, shownError ? errorId : null].filter(Boolean).join(' ');
  return (
    <div className={shownError ? 'field tag-field field-invalid' : 'field tag-field'}>
      <label htmlFor={id}>{label}</label>
      <div className="tag-box" onClick={() => inputRef.current?.focus()}>
        {tags.length > 0 ? (
          <ul className="tag-chips" aria-label="Tags chosen">
            {tags.map((tag) => (
              <li key={tag} className="tag-chip">
                <span className="tag-chip-text">{tag}</span>
                <button
                  type="button"
                  className="tag-chip-remove"
                  aria-label={`Remove tag ${tag}`}
                  title={`Remove ${tag}`}
                  onClick={(event) => {
                    event.stopPropagation();
                    remove(tag);
                    inputRef.current?.focus();
                  }}
                >
                  <CloseIcon />
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        <input
          ref={inputRef}
          id={id}
          className="tag-input"
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={suggestions.length > 0}
          aria-controls={listId}
          aria-activedescendant={activeOption >= 0 ? optionId(activeOption) : undefined}
          aria-invalid={Boolean(shownError)}
          aria-describedby={describedBy}
          value={text}
          autoComplete="off"
          spellCheck={false}
          autoFocus={autoFocus}
          onChange={(event) => onText(event.target.value)}
          onKeyDown={onKeyDown}
          onBlur={() => {
            setOpen(false);
            setActive(-1);
            if (text.trim() !== '') commitText();
          }}
        />
      </div>
      <ul
        id={listId}
        className="tag-suggestions"
        role="listbox"
        aria-label="Tags in use"
        hidden={suggestions.length === 0}
      >
        {suggestions.map((tag, i) => (
          <li
            key={tag}
            id={optionId(i)}
            role="option"
            aria-selected={i === activeOption}
            className={i === activeOption ? 'tag-suggestion tag-suggestion-active' : 'tag-suggestion'}
            // Keeps the focus in the text field, so the list stays a part of it.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => pick(tag)}
          >
            {tag}
          </li>
        ))}
      </ul>
      <p id={hintId} className="field-hint">
        {HINT}
      </p>
      {shownError ? (
        <p id={errorId} className="field-error" role="alert">
          {shownError}
        </p>
      ) : null}
      <div className="visually-hidden" role="status" aria-live="polite">
        {said.text ? <span key={said.key}>{said.text}</span> : null}
      </div>
    </div>
  );
}
