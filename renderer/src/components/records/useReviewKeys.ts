// The review keys of the Tickets and CRM lists: j/k move, Enter accepts, 1–3 pick a suggestion, e edits,
// u undoes. They listen on the window (so they work wherever the focus rests in the view) but never while
// the user types in a field, works a button or a link with Enter, or has a dialog open.
import { useEffect, useRef } from 'react';

export type ReviewKey = 'j' | 'k' | 'Enter' | '1' | '2' | '3' | 'e' | 'u';
export type ReviewHandlers = Partial<Record<ReviewKey, () => void>>;

const NOT_TYPING_INPUTS = new Set([
  'checkbox',
  'radio',
  'button',
  'submit',
  'reset',
  'file',
  'range',
  'color',
]);

/** Whether keys pressed now go into a field (a text input, a text area, a list box, editable text). */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !NOT_TYPING_INPUTS.has(target.type);
  const role = target.getAttribute('role');
  return role === 'textbox' || role === 'combobox' || role === 'searchbox' || role === 'listbox';
}

/** Enter on these does their own thing (press the button, follow the link, tick the box). */
function ownsEnter(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    target.closest(
      'button, a[href], input, select, textarea, summary, [role="button"], [role="tab"], [role="option"]',
    ) !== null
  );
}

export function useReviewKeys(handlers: ReviewHandlers, enabled: boolean): void {
  const current = useRef(handlers);
  useEffect(() => {
    current.current = handlers;
  }, [handlers]);
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.repeat) return;
      if (isTyping(e.target)) return;
      const target = e.target as HTMLElement | null;
      if (target?.closest?.('[role="dialog"], [aria-modal="true"]')) return;
      if (document.querySelector('[aria-modal="true"]')) return;
      const key = (e.key.length === 1 ? e.key.toLowerCase() : e.key) as ReviewKey;
      if (key === 'Enter' && ownsEnter(e.target)) return;
      const handler = current.current[key];
      if (!handler) return;
      e.preventDefault();
      handler();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
