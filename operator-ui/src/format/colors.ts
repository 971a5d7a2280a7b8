/** True for a `#rrggbb` colour. */
export function isHexColor(value: string | null | undefined): value is string {
  return typeof value === 'string' && /^#[0-9a-fA-F]{6}$/.test(value);
}

/**
 * Black or white, whichever reads better on `background` (`#rrggbb`), by WCAG relative luminance; black for
 * anything that is not a hex colour.
 */
export function readableTextColor(background: string | null | undefined): '#000000' | '#ffffff' {
  if (!isHexColor(background)) return '#000000';
  const channel = (offset: number) => {
    const c = parseInt(background.slice(offset, offset + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  // contrast with white (1.05 / (L + 0.05)) vs with black ((L + 0.05) / 0.05): equal at L ≈ 0.179
  return luminance > 0.179 ? '#000000' : '#ffffff';
}
