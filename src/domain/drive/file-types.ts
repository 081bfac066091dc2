/**
 * Types a browser can show without running anything (Misskey's FILE_TYPE_BROWSERSAFE).
 * Everything else — HTML, SVG, scripts, unknown bytes — is served as a download.
 */
const BROWSER_SAFE = new Set([
  'image/png', 'image/gif', 'image/jpeg', 'image/webp', 'image/avif', 'image/apng', 'image/bmp', 'image/tiff', 'image/x-icon',
  'audio/opus', 'video/ogg', 'audio/ogg', 'application/ogg',
  'video/quicktime', 'video/mp4', 'audio/mp4', 'video/x-m4v', 'audio/x-m4a', 'video/3gpp', 'video/3gpp2',
  'video/mpeg', 'audio/mpeg',
  'video/webm', 'audio/webm',
  'audio/aac', 'audio/x-flac', 'audio/flac', 'audio/vnd.wave', 'audio/wav',
]);

/** The Content-Type a stored file is served with: its own when browser-safe, else application/octet-stream. */
export function servedType(mime: string): string {
  return BROWSER_SAFE.has(mime) ? mime : 'application/octet-stream';
}
