/**
 * Opens a PDF that main sent as base64: in a new tab through a blob URL, and as a download when
 * the browser blocks the tab (a pop-up blocker in browser mode).
 */
export function openPdf(filename: string, base64: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
  const opened = window.open(url, '_blank');
  if (!opened) {
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    document.body.append(link);
    link.click();
    link.remove();
  }
  // Long enough for the tab or the download to read it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
