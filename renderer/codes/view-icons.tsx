// SPDX-License-Identifier: GPL-3.0-or-later
/** The codes list's own small icons (the account menu's `⋯`, the compact view), drawn as the shared ones are. Decorative. */
import type { ReactNode } from 'react';

function Icon({ children, size }: { children: ReactNode; size: number }) {
  return (
    <svg
      className="icon"
      width={size}
      height={size}
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

/** `⋯`: more actions for an account. */
export const MoreIcon = () => (
  <Icon size={16}>
    <circle cx="5" cy="12" r="1.4" fill="currentColor" />
    <circle cx="12" cy="12" r="1.4" fill="currentColor" />
    <circle cx="19" cy="12" r="1.4" fill="currentColor" />
  </Icon>
);

/** Dense lines: the compact view. */
export const CompactIcon = () => (
  <Icon size={18}>
    <path d="M4 6h16M4 10h16M4 14h16M4 18h16" />
  </Icon>
);
