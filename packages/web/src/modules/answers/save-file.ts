/**
 * Hands bytes to the browser as a download. Files that need a header (an access code) cannot be
 * plain links, so they are fetched first and saved from memory; the object URL lives long enough
 * for the browser to start the download.
 */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
