// SPDX-License-Identifier: GPL-3.0-or-later
/** The Tessera mark (build/icon.svg simplified): a tile with a ring of stones around a code stone. */

const STONES = 12;
const LIT = 9;

export function BrandMark({ size = 40 }: { size?: number }) {
  return (
    <svg className="brand-mark" width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <rect x="2" y="2" width="60" height="60" rx="14" fill="#17395a" />
      {Array.from({ length: STONES }, (_, i) => {
        const angle = (i / STONES) * Math.PI * 2 - Math.PI / 2 + Math.PI / STONES;
        return (
          <circle
            key={i}
            cx={32 + Math.cos(angle) * 18}
            cy={32 + Math.sin(angle) * 18}
            r={3.6}
            fill={i < LIT ? (i % 2 ? '#5eead4' : '#2dd4bf') : '#2b4d6e'}
          />
        );
      })}
      <rect x="26" y="26" width="12" height="12" rx="3" fill="#f59e0b" />
    </svg>
  );
}
