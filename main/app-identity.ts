import type { BuildFlavour } from '../shared/app/build-info';
import { isBuildFlavour } from '../shared/app/build-info';

/** Name, version, flavour, commit and release notes, fixed at build time (see electron.vite.config.ts `define`). */
declare const __APP_VERSION__: string;
declare const __GPC_FLAVOUR__: string;
declare const __GPC_COMMIT__: string;
declare const __GPC_CHANGELOG__: string;

export const APP_NAME = 'GP Connect Workstation';
export const APP_VERSION: string = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.0.0-dev';
/** Unbuilt code (tests, tsx) is the clinical flavour: the demo flavour exists only as a build. */
export const APP_FLAVOUR: BuildFlavour =
  typeof __GPC_FLAVOUR__ === 'string' && isBuildFlavour(__GPC_FLAVOUR__) ? __GPC_FLAVOUR__ : 'clinical';
export const APP_COMMIT: string = typeof __GPC_COMMIT__ === 'string' ? __GPC_COMMIT__ : 'unknown';
export const APP_CHANGELOG: string = typeof __GPC_CHANGELOG__ === 'string' ? __GPC_CHANGELOG__ : '';
