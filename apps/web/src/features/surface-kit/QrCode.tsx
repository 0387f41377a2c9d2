import { useMemo } from "react";
import { renderSVG } from "uqr";

/** A QR code as inline SVG (crisp on screen and on thermal paper, no image request). */
export function QrCode({ value, className }: { value: string; className?: string }) {
  const svg = useMemo(() => renderSVG(value, { border: 1, ecc: "M" }), [value]);
  return (
    <span
      className={className}
      role="img"
      aria-label={value}
      data-testid="qr"
      // biome-ignore lint/security/noDangerouslySetInnerHtml: the SVG is generated here from our own URL
      dangerouslySetInnerHTML={{ __html: svg }}
    />
  );
}
