// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Applies the theme setting to the document: `data-theme="light|dark"` pins the colour scheme;
 * without it the tokens follow the system (renderer/styles/tokens.css uses light-dark()).
 */
import { useEffect } from 'react';
import { useSetting } from './settings-store';

export function useTheme(): void {
  const theme = useSetting('theme', 'system');
  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'system') delete root.dataset['theme'];
    else root.dataset['theme'] = theme;
  }, [theme]);
}
