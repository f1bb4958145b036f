// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * A form's messages, one per field: `changed(field)` drops that field's message at its first key
 * press, because the message was about what was typed before; the other fields keep theirs.
 */
import { useCallback, useState, type Dispatch, type SetStateAction } from 'react';

export function useFieldProblems<P extends object>(): readonly [
  problems: P,
  setProblems: Dispatch<SetStateAction<P>>,
  changed: (field: keyof P) => void,
] {
  const [problems, setProblems] = useState<P>({} as P);
  const changed = useCallback(
    (field: keyof P): void =>
      setProblems((p) => {
        if (p[field] === undefined) return p;
        const { [field]: _gone, ...rest } = p;
        return rest as P;
      }),
    [],
  );
  return [problems, setProblems, changed];
}
