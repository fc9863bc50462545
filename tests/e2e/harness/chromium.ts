import { existsSync } from 'node:fs';
import { CHROMIUM_PATH } from './paths';

/** The e2e suite fails, never skips, when the browser is missing: a green run must mean it ran. */
export function assertChromium(): string {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium was not found at ${CHROMIUM_PATH}. The browser tests need it: run \`apt-get install chromium\` ` +
        '(Debian/Ubuntu), or set E2E_CHROMIUM to a Chromium executable.',
    );
  }
  return CHROMIUM_PATH;
}

/** Flags measured to work here: no sandbox, GPU, QUIC or background traffic in a headless container. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
