// Before an act that is hard to take back (deleting, merging, leaving unsaved work), the page asks
// once, in the product's own dialog: pages await `confirmation.ask(…)`, the root layout shows it.

export interface ConfirmRequest {
  title: string;
  /** What will happen, in a sentence or two: what is lost, what moves where. */
  message: string;
  /** The button that goes ahead, named for the act: "Delete category", "Merge". */
  confirm: string;
  /** The button that keeps things as they are. */
  cancel?: string;
  /** Drawn as a destructive act. */
  danger?: boolean;
}

interface Pending extends ConfirmRequest {
  resolve: (confirmed: boolean) => void;
}

class Confirmation {
  pending = $state<Pending | null>(null);

  /** Resolves true when the person goes ahead, false when they cancel or close the dialog. */
  ask(request: ConfirmRequest): Promise<boolean> {
    // One question at a time: a newer one answers the older one "no".
    this.pending?.resolve(false);
    return new Promise((resolve) => {
      this.pending = { ...request, resolve };
    });
  }

  answer(confirmed: boolean) {
    const pending = this.pending;
    this.pending = null;
    pending?.resolve(confirmed);
  }
}

export const confirmation = new Confirmation();
