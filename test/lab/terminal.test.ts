import { describe, expect, it } from 'vitest';
import { MAX_FONT_PX, MIN_FONT_PX, terminalFontSize } from '../../src/lab/terminal';

// A monospace character is about 0.6 of its font size wide (DejaVu Sans Mono: 0.602).
const ADVANCE = 0.602;
const columns = (width: number) => Math.floor(width / (terminalFontSize(width, ADVANCE) * ADVANCE));

describe('terminalFontSize', () => {
  it('keeps the usual size where 80 columns fit, so a wider pane gains columns', () => {
    expect(terminalFontSize(700, ADVANCE)).toBe(MAX_FONT_PX);
    expect(terminalFontSize(1200, ADVANCE)).toBe(MAX_FONT_PX);
    expect(columns(1200)).toBeGreaterThan(columns(700));
  });

  it('shrinks the type on a narrow screen, in half pixels, for more columns', () => {
    const size = terminalFontSize(560, ADVANCE);
    expect(size).toBeLessThan(MAX_FONT_PX);
    expect(size * 2).toBe(Math.round(size * 2));
    expect(columns(560)).toBeGreaterThanOrEqual(77);
  });

  it('never goes below the readable minimum: a phone gets about 50 columns', () => {
    expect(terminalFontSize(360, ADVANCE)).toBe(MIN_FONT_PX);
    expect(columns(370)).toBeGreaterThanOrEqual(50);
    expect(terminalFontSize(100, ADVANCE)).toBe(MIN_FONT_PX);
  });

  it('keeps the usual size when it cannot measure', () => {
    expect(terminalFontSize(0, ADVANCE)).toBe(MAX_FONT_PX);
    expect(terminalFontSize(500, 0)).toBe(MAX_FONT_PX);
  });
});
