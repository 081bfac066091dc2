/**
 * A rule of the domain refused an operation. `kind` names the refusal (`'note.notFound'`,
 * `'user.blocked'`); the API maps kinds to Misskey's error codes per endpoint.
 */
export class DomainError extends Error {
  constructor(
    readonly kind: `${string}.${string}`,
    readonly detail?: unknown,
  ) {
    super(kind);
    this.name = 'DomainError';
  }
}
