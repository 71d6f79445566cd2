import type { GpcApi } from '../shared/ipc/api';

declare global {
  interface Window {
    /** The only door to main: exposed by the preload (Electron) or the preview shim (browser). */
    readonly gpc: GpcApi;
  }
}

export {};
