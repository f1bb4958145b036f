// SPDX-License-Identifier: GPL-3.0-or-later
/** A tag drawn inline, as the other stroke icons (Icons.tsx): the account menu's "Tags…". Decorative. */

export const TagIcon = () => (
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
    <path d="M3 12V4a1 1 0 0 1 1-1h8l9 9-9 9-9-9Z" />
    <circle cx="8" cy="8" r="1.5" />
  </svg>
);
