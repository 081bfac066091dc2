/**
 * Answers that are built once and sent many times (meta), with their JSON text kept beside
 * them so it is not serialized again on every request. A body registered here must never
 * change afterwards: it is frozen, and whoever built it builds a new one when its data changes.
 */
const jsonTexts = new WeakMap<object, string>();

/** Freezes `body`, stores its JSON text and returns it, for handlers that reuse one answer. */
export function reusableBody<T extends object>(body: T): T {
  jsonTexts.set(Object.freeze(body), JSON.stringify(body));
  return body;
}

/** The JSON text of an answer: stored once for a reusable body, serialized now for any other. */
export function jsonOf(body: unknown): string {
  return (typeof body === 'object' && body !== null && jsonTexts.get(body)) || JSON.stringify(body);
}
