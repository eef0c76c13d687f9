/**
 * Saves a file through a Blob link: a download in the browser, the save dialog in Electron. The
 * URL lives long enough for the download (or a tab showing it) to read it.
 */
export function downloadBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Saves a CSV file the station made (UTF-8; the text carries its own byte order mark for Excel). */
export function downloadCsv(filename: string, csv: string): void {
  downloadBlob(filename, new Blob([csv], { type: 'text/csv;charset=utf-8' }));
}
