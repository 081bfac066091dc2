import { DomainError } from '../errors.js';

/** Misskey's rule for drive file names: not blank, at most 200 chars, no path separators or `..`. */
export function isValidFileName(name: string): boolean {
  return name.trim().length > 0 && name.length <= 200 && !name.includes('\\') && !name.includes('/') && !name.includes('..');
}

/**
 * The name an upload asks for: trimmed; blank or the browsers' placeholder `blob` means none.
 * Throws `drive.invalidFileName` for a name the drive refuses.
 */
export function uploadName(requested: string | null | undefined): string | null {
  const name = requested?.trim();
  if (!name || name === 'blob') return null;
  if (!isValidFileName(name)) throw new DomainError('drive.invalidFileName');
  return name;
}

/** `name` with the extension of its detected type appended unless it already ends with it. */
export function correctFileName(name: string, ext: string | null): string {
  const dotExt = ext ? `.${ext}` : '.unknown';
  if (name.endsWith(dotExt)) return name;
  if (ext === 'jpg' && name.endsWith('.jpeg')) return name;
  if (ext === 'tif' && name.endsWith('.tiff')) return name;
  return `${name}${dotExt}`;
}
