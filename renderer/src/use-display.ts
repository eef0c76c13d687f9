import { useEffect } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { displayClasses, type DisplayStore } from './stores/display';

const managed = ['contrast-high', 'text-large', 'text-larger'];

/** Puts the display settings on the document root, and follows the OS's contrast preference. */
export function useDisplayClasses(display: StoreApi<DisplayStore>): void {
  const contrast = useStore(display, (s) => s.contrast);
  const textSize = useStore(display, (s) => s.textSize);
  useEffect(() => {
    const query = typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-contrast: more)') : null;
    const apply = () => {
      const root = document.documentElement;
      root.classList.remove(...managed);
      root.classList.add(...displayClasses({ contrast, textSize }, query?.matches ?? false));
    };
    apply();
    query?.addEventListener('change', apply);
    return () => query?.removeEventListener('change', apply);
  }, [contrast, textSize]);
}
