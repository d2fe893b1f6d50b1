/** How full a bag or container is, large: "3 / 10" with a fill bar (the words for screen readers in `label`). */
export function FillGauge({ count, capacity, label, testId }: { count: number; capacity: number; label: string; testId: string }) {
  return (
    <>
      <p className="bag__count" data-testid={testId} aria-label={label}>
        {count} / {capacity}
      </p>
      <progress className="bag__fill" max={capacity} value={count} aria-hidden="true" />
    </>
  );
}
