/** The star's outline, in a 24 × 24 box. */
export const STAR_PATH = 'M12 2.8l2.8 5.8 6.3.9-4.6 4.4 1.1 6.3L12 17.2l-5.6 3 1.1-6.3L2.9 9.5l6.3-.9z';

/** One star: an outline until `filled` (the colours come from the stylesheet). */
export function Star({ filled }: { filled: boolean }) {
  return (
    <svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false" className={filled ? 'star-icon filled' : 'star-icon'}>
      <path d={STAR_PATH} />
    </svg>
  );
}

/**
 * 综合评分 as five stars filled to the mean (4.3 fills four and a third). The part
 * is clipped with an SVG attribute, not a style, so the strict CSP holds.
 */
export function MeanStars({ mean, clipId }: { mean: number; clipId: string }) {
  const width = (Math.max(0, Math.min(5, mean)) / 5) * 120;
  const stars = [0, 1, 2, 3, 4].map((i) => <path key={i} d={STAR_PATH} transform={`translate(${i * 24} 0)`} />);
  return (
    <svg viewBox="0 0 120 24" width="90" height="18" aria-hidden="true" focusable="false" className="mean-stars">
      <clipPath id={clipId}>
        <rect x="0" y="0" width={width.toFixed(1)} height="24" />
      </clipPath>
      <g className="mean-empty">{stars}</g>
      <g className="mean-filled" clipPath={`url(#${clipId})`}>
        {stars}
      </g>
    </svg>
  );
}
