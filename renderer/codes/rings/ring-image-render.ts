// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Paints a period's ring frames in the current theme and encodes them as one looping animated
 * PNG (apng.ts), starting from a chosen frame. The colours and the font come from
 * the style sheet (styles/codes.css `.ring-probe`), so the rings follow the theme tokens.
 */
import { encodeApng } from './apng';
import { drawRingFrame, RING_SIZE, ringFrames, type RingColours } from './ring-frames';

/** Reads the ring's colours and font for the current theme from a hidden probe element. */
export function readRingColours(): RingColours {
  const probe = document.createElement('span');
  probe.className = 'ring-probe';
  probe.setAttribute('aria-hidden', 'true');
  const parts = ['progress', 'urgent', 'label'].map((name) => {
    const part = document.createElement('span');
    part.className = `ring-probe-${name}`;
    probe.append(part);
    return part;
  });
  document.body.append(probe);
  try {
    const [progress, urgent, label] = parts.map((part) => getComputedStyle(part));
    return {
      progress: progress?.color ?? 'teal',
      urgent: urgent?.color ?? 'red',
      label: label?.color ?? 'gray',
      font: label ? `${label.fontWeight} ${label.fontSize} ${label.fontFamily}` : '600 12px sans-serif',
    };
  } finally {
    probe.remove();
  }
}

/** The image's pixel size for the screen's density (a 36 px ring is 72 pixels on a 2× screen). */
export function ringScale(): number {
  return Math.max(1, Math.min(4, Math.ceil((window.devicePixelRatio || 1) * 4) / 4));
}

/**
 * The animated ring for `period`, frames rotated to begin at `firstFrame`; null where the
 * document cannot paint on a canvas (the component then shows the track alone).
 */
export async function renderRingImage(period: number, firstFrame: number): Promise<Blob | null> {
  const scale = ringScale();
  const size = Math.round(RING_SIZE * scale);
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) return null;
  const colours = readRingColours();
  const frames = ringFrames(period);
  const order = [...frames.slice(firstFrame), ...frames.slice(0, firstFrame)];
  const pixels = order.map((frame) => {
    drawRingFrame(ctx, frame, period, colours, size / RING_SIZE);
    return { rgba: ctx.getImageData(0, 0, size, size).data, delayMs: frame.seconds * 1000 };
  });
  const png = await encodeApng(size, size, pixels);
  return new Blob([png as Uint8Array<ArrayBuffer>], { type: 'image/png' });
}
