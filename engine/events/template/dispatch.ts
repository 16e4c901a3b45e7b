/**
 * `dispatch`: lets a template steer the flow of events.
 *
 * - `dispatch.drop()`: do not emit this event (counted as dropped);
 * - `dispatch.next()`: discard this event and pick a template again;
 * - `dispatch.exhaust()`: stop the generator cleanly after this event.
 *
 * Each returns an empty string, so `{{ dispatch.drop() }}` prints nothing.
 *
 * @module
 */

/** The flags a template sets while it renders. */
export class Dispatch {
  dropped = false;
  again = false;
  exhausted = false;

  /** Clears the flags before a render. */
  reset(): void {
    this.dropped = this.again = this.exhausted = false;
  }
  /** Skips this event. */
  drop(): string {
    this.dropped = true;
    return "";
  }
  /** Skips this event and picks a template again for the same timestamp. */
  next(): string {
    this.again = true;
    return "";
  }
  /** Stops the generator after this event, which is not emitted. */
  exhaust(): string {
    this.exhausted = true;
    return "";
  }
}
