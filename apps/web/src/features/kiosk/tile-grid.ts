import type { CSSProperties } from "react";

/**
 * How many columns `count` tiles take, so that they fill the screen below the title in either
 * orientation: a landscape screen gets more columns than rows, a portrait one a single column up
 * to six tiles. The rows share the height (`kiosk.module.css`, `.tiles`).
 */
export function tileColumns(count: number): { landscape: number; portrait: number } {
  const n = Math.max(1, count);
  const landscape = n <= 3 ? n : n === 4 ? 2 : n <= 6 ? 3 : n <= 12 ? 4 : 5;
  const portrait = n <= 6 ? 1 : n <= 14 ? 2 : 3;
  return { landscape, portrait };
}

/** The grid's columns as CSS variables on `.tiles`; the stylesheet picks one per orientation. */
export function tileGridStyle(count: number): CSSProperties {
  const { landscape, portrait } = tileColumns(count);
  return { ["--cols-landscape" as string]: landscape, ["--cols-portrait" as string]: portrait };
}
