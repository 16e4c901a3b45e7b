/** A run-time error with a diagnostic code, reported without a stack trace. */
export class RunError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = "RunError";
  }
}
