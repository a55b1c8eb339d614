/**
 * Reads a printed page (a PNG rendered from the PDF) for a table's outer border: the longest
 * horizontal rules are the table's top and bottom, and a table printed whole has a vertical rule at
 * their right end too. A border clipped by the page box leaves the rules ending in nothing.
 */
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';

/** Darker than this (0-255, the mean of R, G and B) is ink. */
const INK = 160;

export interface TableEdges {
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
  /** Share (0-1) of the rows between top and bottom with ink at the right end (within 2 px). */
  readonly rightRuleShare: number;
  /** The same at the left end. */
  readonly leftRuleShare: number;
}

export function tableEdges(pngFile: string): TableEdges {
  const png = PNG.sync.read(readFileSync(pngFile));
  const ink = (x: number, y: number) => {
    const i = (y * png.width + x) * 4;
    return (png.data[i] + png.data[i + 1] + png.data[i + 2]) / 3 < INK;
  };
  // Each row's longest run of ink: the table's horizontal rules are far longer than any text.
  const runs = Array.from({ length: png.height }, (_, y) => {
    let best = { length: 0, from: 0, to: 0 };
    let from = -1;
    for (let x = 0; x <= png.width; x += 1) {
      if (x < png.width && ink(x, y)) {
        if (from < 0) from = x;
      } else if (from >= 0) {
        if (x - from > best.length) best = { length: x - from, from, to: x - 1 };
        from = -1;
      }
    }
    return best;
  });
  const rules = runs.map((run, y) => ({ ...run, y })).filter((run) => run.length > png.width / 2);
  if (rules.length < 2) throw new Error('printedTable: no table rules found on the page');
  const top = rules[0].y;
  const bottom = rules[rules.length - 1].y;
  const left = Math.min(...rules.map((rule) => rule.from));
  const right = Math.max(...rules.map((rule) => rule.to));
  const share = (x0: number, x1: number) => {
    let rows = 0;
    for (let y = top; y <= bottom; y += 1) {
      for (let x = Math.max(0, x0); x <= Math.min(png.width - 1, x1); x += 1)
        if (ink(x, y)) {
          rows += 1;
          break;
        }
    }
    return rows / (bottom - top + 1);
  };
  return { top, bottom, left, right, rightRuleShare: share(right - 2, right), leftRuleShare: share(left, left + 2) };
}
