// One write a page runs on a person's behalf: busy while it runs, then a notice or a failure.
import { invalidate } from '$app/navigation';
import { describeError, type Failure, type StatusMessages } from './errors.ts';

export interface ActionOptions {
  /** The notice shown when it worked. */
  done?: string;
  /** What the page says when the failure is not the server's to explain. */
  fallback?: string;
  messages?: StatusMessages;
  /** The `depends` key of the loads whose data the write changed: they run again. */
  invalidates?: `app:${string}`;
}

export class Action {
  busy = $state(false);
  notice = $state<string | null>(null);
  failure = $state<Failure | null>(null);

  /** Runs the write unless one is running; returns whether it worked. */
  async run(write: () => Promise<unknown>, options: ActionOptions = {}): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    this.notice = null;
    this.failure = null;
    try {
      await write();
      if (options.invalidates) await invalidate(options.invalidates);
      this.notice = options.done ?? null;
      return true;
    } catch (error) {
      this.failure = describeError(error, options.fallback, options.messages);
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** Shows a failure found before anything was sent, such as a form the server would refuse. */
  refuse(title: string, message: string) {
    this.notice = null;
    this.failure = { status: 0, title, message, requestId: null, fieldErrors: () => [] };
  }
}
