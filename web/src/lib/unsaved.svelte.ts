// Work typed into a page (an answer, a pack's order and drafts) is not lost by a stray click: leaving
// the page asks first, in the product's dialog for a link or the back button, and in the browser's
// own prompt when the tab is closed or reloaded.
import { afterNavigate, beforeNavigate, goto } from '$app/navigation';
import { confirmation } from './confirm.svelte.ts';

/** Call while a component is created; `dirty` says whether there is anything to lose right now. */
export function guardUnsaved(dirty: () => boolean, what = 'your changes') {
  // Set once the person chose to leave, so the navigation they confirmed is let through.
  let leaving = false;

  beforeNavigate((navigation) => {
    // Closing or reloading the tab is the browser's to ask about (below).
    if (leaving || navigation.type === 'leave' || !dirty()) return;
    const target = navigation.to?.url;
    const delta = navigation.type === 'popstate' ? navigation.delta : undefined;
    navigation.cancel();
    void confirmation
      .ask({
        title: 'Leave without saving?',
        message: `You have not saved ${what}. If you leave this page now, they are lost.`,
        confirm: 'Leave without saving',
        cancel: 'Stay on this page',
        danger: true,
      })
      .then(async (leave) => {
        if (!leave || !target) return;
        leaving = true;
        if (delta) history.go(delta);
        else await goto(target);
      });
  });

  afterNavigate(() => {
    leaving = false;
  });

  $effect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (dirty()) event.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  });
}
