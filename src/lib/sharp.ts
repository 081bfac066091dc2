import type Sharp from 'sharp';

/**
 * sharp (libvips), loaded on first use: loading it costs ~25 MB of resident memory, which a
 * process that never handles an image (a worker, an idle instance) should not carry.
 */
export async function loadSharp(): Promise<typeof Sharp> {
  return (await import('sharp')).default;
}
