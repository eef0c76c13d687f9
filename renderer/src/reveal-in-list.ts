/**
 * Scrolls the list, and only the list, so the item is in view, moving it no more than it must; an
 * item taller than the list shows its top. (scrollIntoView would scroll every scrolling box around
 * it too: the pack screen's column, and with it the picklist's title or the batch's slot number.)
 */
export function revealInList(list: HTMLElement, item: Element | null): void {
  if (!item) return;
  const box = item.getBoundingClientRect();
  const frame = list.getBoundingClientRect();
  if (box.top < frame.top) list.scrollTop -= frame.top - box.top;
  else if (box.bottom > frame.bottom) list.scrollTop += Math.min(box.bottom - frame.bottom, box.top - frame.top);
}
