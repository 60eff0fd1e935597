/**
 * Service-worker updates on the user's word: a new version installs in the background, and this offers
 * "Update available — reload". Only a click activates it (then this tab reloads); another tab that sees the new
 * version take over offers a reload too, rather than run on under a service worker of another version.
 */

export class Updates {
  /** What the banner says, or null when there is nothing to offer. */
  offer = $state<string | null>(null);
  private apply: () => void = () => undefined;
  private asked = false;

  /** Registers the service worker at `url` and watches it for new versions. */
  async watch(url: URL): Promise<void> {
    const sw = navigator.serviceWorker;
    const registration = await sw.register(url, { scope: './' });
    const waiting = (w: ServiceWorker) => {
      if (!sw.controller) return; // the first install: nothing older is running
      this.offer = 'An update of Parley is ready.';
      this.apply = () => {
        this.asked = true;
        w.postMessage('parley:activate');
      };
    };
    if (registration.waiting) waiting(registration.waiting);
    registration.addEventListener('updatefound', () => {
      const w = registration.installing;
      w?.addEventListener('statechange', () => w.state === 'installed' && waiting(w));
    });
    let hadController = !!sw.controller;
    sw.addEventListener('controllerchange', () => {
      if (this.asked) return location.reload();
      if (!hadController) return void (hadController = true); // the first install claiming this page
      this.offer = 'Parley was updated in another tab.';
      this.apply = () => location.reload();
    });
  }

  /** Switches to the new version (reloads this tab). */
  reload(): void {
    this.apply();
  }
}
