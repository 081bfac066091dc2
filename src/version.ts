/** The server's version, reported by `meta`, nodeinfo and /api.json. */
export const VERSION = '0.1.0';
