import { downloadBlob } from './download';

/**
 * Opens a PDF that main sent as base64: in a new tab through a blob URL, and as a download when
 * the browser blocks the tab (a pop-up blocker in browser mode).
 */
export function openPdf(filename: string, base64: string): void {
  const blob = new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], { type: 'application/pdf' });
  const url = URL.createObjectURL(blob);
  const opened = window.open(url, '_blank');
  // Long enough for the tab to read it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  if (!opened) downloadBlob(filename, blob);
}
