import type { MedAdminApi } from './contract';

/** What the preload puts on the page; the renderer reaches main only through this object. */
declare global {
  interface Window {
    readonly medadmin: MedAdminApi;
  }
}
