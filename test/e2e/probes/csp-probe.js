// SPDX-License-Identifier: GPL-3.0-or-later
/* global document */
/* eslint-disable no-eval, no-new-func, no-implied-eval -- these are exactly what the probe checks the CSP blocks */
// Loaded by the security spec as a same-origin script, so it runs as page code under the page's
// CSP (code evaluated through DevTools is exempt from CSP's eval rule, so that would prove nothing).
(() => {
  const result = {};
  try {
    eval('1');
    result.eval = 'ran';
  } catch (e) {
    result.eval = e && e.name;
  }
  try {
    new Function('return 1')();
    result.newFunction = 'ran';
  } catch (e) {
    result.newFunction = e && e.name;
  }
  try {
    setTimeout('window.__stringTimer = 1', 0);
  } catch {
    // some engines throw; either way it must not run
  }
  result.wasm = typeof WebAssembly === 'object' ? 'present' : 'absent';
  document.documentElement.dataset.cspProbe = JSON.stringify(result);
})();
