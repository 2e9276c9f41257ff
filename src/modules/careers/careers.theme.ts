/** WCAG 2 relative luminance of #rrggbb. */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + i * 2, 3 + i * 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Black or white, whichever reads better on the colour. */
export const readableOn = (background: string): string =>
  (contrastRatio(background, '#000000') >= contrastRatio(background, '#ffffff') ? '#000000' : '#ffffff');

const hex2 = (n: number) => Math.round(Math.max(0, Math.min(255, n))).toString(16).padStart(2, '0');

/** The colour darkened step by step until it reaches `ratio` against white (4.5:1 for body text, WCAG AA): links and outlines in the accent stay readable. */
export function darkenForWhite(color: string, ratio = 4.5): string {
  let [r, g, b] = [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16)) as [number, number, number];
  let current = color;
  for (let step = 0; step < 40 && contrastRatio(current, '#ffffff') < ratio; step++) {
    [r, g, b] = [r * 0.92, g * 0.92, b * 0.92];
    current = `#${hex2(r)}${hex2(g)}${hex2(b)}`;
  }
  return current;
}

export const DEFAULT_ACCENT = '#1d4ed8';

/** The org's colours as CSS custom properties, put before the shared stylesheet. */
export function themeCss(accent: string | null): string {
  const color = accent ?? DEFAULT_ACCENT;
  return `:root{--accent:${color};--on-accent:${readableOn(color)};--accent-text:${darkenForWhite(color)}}\n`;
}
