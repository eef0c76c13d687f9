import { useRef } from 'react';
import type { PackLine, PackSession, ScanAnswer } from '../../shared/packing';

/** The line the last answer was about, from the answer alone (the screen was not up when it came). */
export function lineOfAnswer(session: PackSession, answer: ScanAnswer | null): number | null {
  const { lines, lastScan } = session;
  // The answer is about this picklist when it is the session's own last scan (answers carry no session).
  if (answer?.product && lastScan?.code === answer.code) {
    const idproduct = answer.product.idproduct;
    const candidates = lines.filter((line) => line.idproduct === idproduct);
    // Two lines of one product fill in order: the counted one is the last that has a count.
    const counted = candidates.filter((line) => line.verified > 0);
    return (counted[counted.length - 1] ?? candidates[0])?.idpicklist_product ?? null;
  }
  if (lastScan?.productName) return lines.find((line) => line.name === lastScan.productName)?.idpicklist_product ?? null;
  return null;
}

/**
 * The line whose count changed between two versions of a picklist's lines, or null. The session
 * store hands over unchanged lines as the same objects, so a changed object is a changed count.
 */
export function changedLineOf(before: readonly PackLine[], lines: readonly PackLine[]): number | null {
  const old = new Map(before.map((line) => [line.idpicklist_product, line]));
  const changed = lines.filter((line) => {
    const was = old.get(line.idpicklist_product);
    return was !== undefined && was !== line && was.verified !== line.verified;
  });
  // A set's parts and the set itself change together: the part is what was in the hand.
  return (changed.find((line) => !line.isComposition) ?? changed[0])?.idpicklist_product ?? null;
}

/**
 * The line just scanned (or undone, or confirmed by hand): the one whose count changed last. Kept
 * across renders, and read from the last answer when the pack screen comes back.
 */
export function useScannedLine(session: PackSession, lastAnswer: () => ScanAnswer | null): number | null {
  const { lines } = session;
  const previous = useRef<PackLine[] | null>(null);
  const scanned = useRef<number | null>(null);
  if (previous.current !== lines) {
    const picked = previous.current ? changedLineOf(previous.current, lines) : null;
    if (picked !== null) scanned.current = picked;
    else if (scanned.current === null || !lines.some((line) => line.idpicklist_product === scanned.current)) scanned.current = lineOfAnswer(session, lastAnswer());
    previous.current = lines;
  }
  return scanned.current;
}

/** The first line still to scan, in the picklist's order: a set is scanned by its parts. */
export function nextLineOf(lines: readonly PackLine[]): number | null {
  return lines.find((line) => line.verified < line.amount && !line.isComposition)?.idpicklist_product ?? null;
}
