import { useEffect, useState } from 'react';

/** The time, re-read every `intervalMs` while `isActive`: for countdowns on screen. */
export function useNow(intervalMs: number, isActive = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!isActive) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs, isActive]);
  return now;
}
