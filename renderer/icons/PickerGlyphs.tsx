// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The icon picker's own small stroke icons, drawn like renderer/shared/Icons.tsx (inline, no remote
 * images, decorative): a picture (the account menu's "Change icon…", "From an image file…") and
 * the spark of "Automatic".
 */
import type { ReactNode } from 'react';

function Glyph({ children }: { children: ReactNode }) {
  return (
    <svg
      className="icon"
      width={18}
      height={18}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

export const PictureIcon = () => (
  <Glyph>
    <rect x="3" y="4" width="18" height="16" rx="2" />
    <circle cx="9" cy="10" r="2" />
    <path d="m21 16-5-5-9 9" />
  </Glyph>
);

export const AutomaticIcon = () => (
  <Glyph>
    <path d="M12 3v4M12 17v4M3 12h4M17 12h4M6.3 6.3l2.1 2.1M15.6 15.6l2.1 2.1M6.3 17.7l2.1-2.1M15.6 8.4l2.1-2.1" />
  </Glyph>
);
