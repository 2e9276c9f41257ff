/** Up, down and remove for one row of an editable list, named after the row for screen readers. */
export function RowButtons({ name, index, count, move, remove }: { name: string; index: number; count: number; move(index: number, by: -1 | 1): void; remove(index: number): void }) {
  return (
    <>
      <button type="button" onClick={() => move(index, -1)} disabled={index === 0} aria-label={`Move ${name} up`}>↑</button>
      <button type="button" onClick={() => move(index, 1)} disabled={index === count - 1} aria-label={`Move ${name} down`}>↓</button>
      <button type="button" onClick={() => remove(index)} aria-label={`Remove ${name}`}>Remove</button>
    </>
  );
}
