// SPDX-License-Identifier: GPL-3.0-or-later
// Types for chromium.mjs, which re-exports test-tools.mjs (see test-tools.d.mts).
export * from './test-tools.mjs';
