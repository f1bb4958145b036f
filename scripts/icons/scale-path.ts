// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Scales SVG path data by a uniform factor, so that a glyph drawn on another grid (CoreUI's 32×32)
 * becomes one on the 24×24 grid every bundled 'path' icon uses (the window draws them all with
 * `viewBox="0 0 24 24"`). Every coordinate and length scales; an arc's rotation and its two flags
 * do not. Reads the whole grammar (absolute and relative commands, implicit repeats, numbers run
 * together like "1.5.5" or "-1-2", arc flags written without separators like "a1 1 0 011 1"). The
 * output can be appended to other path data: a first relative move is written as the absolute move it
 * means, and a move's implicit line-tos are written out.
 */

/** Parameters per command, and which of them are arc flags (read as one digit). */
const ARITY: Readonly<Record<string, number>> = { m: 2, l: 2, h: 1, v: 1, c: 6, s: 4, q: 4, t: 2, a: 7, z: 0 };
const ARC_FLAGS = new Set([3, 4]);
const ARC_ROTATION = 2;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;

export class PathSyntaxError extends Error {}

/** A number in short form: at most `decimals` decimals, no trailing zeros, no "-0". */
export function formatNumber(value: number, decimals = 3): string {
  const text = value.toFixed(decimals).replace(/\.?0+$/, '');
  return text === '-0' ? '0' : text;
}

/** `d` with every coordinate and length multiplied by `factor`. @throws PathSyntaxError on bad data. */
export function scalePath(d: string, factor: number, decimals = 3): string {
  const out: string[] = [];
  let pos = 0;
  let command = '';
  const skipSeparators = (): void => {
    while (pos < d.length && /[\s,]/.test(d[pos] ?? '')) pos++;
  };
  for (;;) {
    skipSeparators();
    if (pos >= d.length) break;
    const ch = d[pos] ?? '';
    if (/[a-zA-Z]/.test(ch)) {
      if (!(ch.toLowerCase() in ARITY)) throw new PathSyntaxError(`Unknown path command '${ch}' at ${pos}.`);
      command = ch;
      pos++;
      // A relative move opening the data is absolute by the grammar (its implicit line-tos stay
      // relative): written as 'M', the data can follow another's.
      out.push(out.length === 0 && command === 'm' ? 'M' : command);
      if (command.toLowerCase() === 'z') continue;
    } else if (command === '' || command.toLowerCase() === 'z') {
      throw new PathSyntaxError(`Number without a command at ${pos}.`);
    } else {
      // An implicit repeat of the last command; after a move it is a line, written out so that a
      // first relative move can become absolute (above) and paths can be joined.
      if (command === 'm') command = 'l';
      if (command === 'M') command = 'L';
      out.push(command);
    }
    const lower = command.toLowerCase();
    const arity = ARITY[lower] ?? 0;
    const params: string[] = [];
    for (let i = 0; i < arity; i++) {
      skipSeparators();
      if (lower === 'a' && ARC_FLAGS.has(i)) {
        const flag = d[pos];
        if (flag !== '0' && flag !== '1') throw new PathSyntaxError(`Bad arc flag at ${pos}.`);
        params.push(flag);
        pos++;
        continue;
      }
      const match = NUMBER.exec(d.slice(pos));
      if (!match) throw new PathSyntaxError(`Expected a number at ${pos} for '${command}'.`);
      pos += match[0].length;
      const value = Number(match[0]);
      params.push(formatNumber(lower === 'a' && i === ARC_ROTATION ? value : value * factor, decimals));
    }
    out.push(params.join(' '));
  }
  return out.join('').replace(/ -/g, '-');
}
