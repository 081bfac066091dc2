import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { loadSharp } from '../lib/sharp.js';

const CELLS = 5;
const CELL_PX = 24;
const MARGIN_PX = 4;
const SIZE = CELLS * CELL_PX + MARGIN_PX * 2;

/** A deterministic PNG identicon for `seed`: a mirrored 5×5 pattern in one colour derived from its hash. */
export async function renderIdenticon(seed: string): Promise<Buffer> {
  const hash = createHash('sha256').update(seed).digest();
  const fg = hslToRgb(hash[0]! / 255, 0.55 + (hash[1]! / 255) * 0.2, 0.5 + (hash[2]! / 255) * 0.1);
  const bg = [240, 240, 240];
  const on = (x: number, y: number) => {
    const col = x < 3 ? x : CELLS - 1 - x; // mirrored left/right
    return (hash[3 + y * 3 + col]! & 1) === 1;
  };
  const pixels = Buffer.alloc(SIZE * SIZE * 3);
  for (let py = 0; py < SIZE; py++) {
    for (let px = 0; px < SIZE; px++) {
      const x = Math.floor((px - MARGIN_PX) / CELL_PX);
      const y = Math.floor((py - MARGIN_PX) / CELL_PX);
      const inside = x >= 0 && y >= 0 && x < CELLS && y < CELLS;
      const color = inside && on(x, y) ? fg : bg;
      pixels.set(color, (py * SIZE + px) * 3);
    }
  }
  const sharp = await loadSharp();
  return sharp(pixels, { raw: { width: SIZE, height: SIZE, channels: 3 } }).png().toBuffer();
}

/** Serves `/identicon/:acct`, the avatar of every user without one (UserLite.avatarUrl points here). */
export function identiconRoutes(app: FastifyInstance): void {
  app.get<{ Params: { acct: string } }>('/identicon/:acct', async (request, reply) => {
    const png = await renderIdenticon(request.params.acct);
    reply.header('Cache-Control', 'public, max-age=86400').type('image/png').send(png);
  });
}

function hslToRgb(h: number, s: number, l: number): number[] {
  const k = (n: number) => (n + h * 12) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
  return [f(0), f(8), f(4)].map((v) => Math.round(v * 255));
}
