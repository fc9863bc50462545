import { buildApp } from './lib/build-app';
import { runScript } from './lib/run-script';

// npm run build: renderer, main process and preload into dist/ (no Electron needed)
runScript(buildApp);
