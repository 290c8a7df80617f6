/** An error Compose prints as is (`docker compose` writes the message to stderr and exits 1). */
export class ComposeError extends Error {
  readonly code: number;
  constructor(message: string, code = 1) {
    super(message);
    this.code = code;
  }
}

/** compose-go's errdefs.ErrInvalid suffix. */
export const INVALID = 'invalid compose project';
