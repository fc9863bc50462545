#!/usr/bin/env node
// The CLI is TypeScript run as is: tsx is registered here, resolved beside this package, so the
// command works from any folder and through the symlink npm installs for a bin.
import { register } from 'tsx/esm/api';

register();
await import(new URL('../main/cli/main.ts', import.meta.url).href);
