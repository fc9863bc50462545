import packageJson from '../../../package.json';

/** Recorded in manifests and export headers, so a file says which build wrote it. */
export const APP_VERSION: string = packageJson.version;
