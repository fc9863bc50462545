import { Presets, SingleBar } from 'cli-progress';
import type { OnProgress } from '../core/backup/progress';

interface ProgressBar {
  onProgress: OnProgress;
  stop(): void;
}

/**
 * A progress bar on stderr for the long commands (backup, restore, import, export). It draws
 * only at a terminal, so piped output and --json stay clean.
 */
function progressBar(): ProgressBar {
  const bar = new SingleBar(
    { stream: process.stderr, format: '{label} [{bar}] {percentage}%', hideCursor: true, clearOnComplete: true },
    Presets.shades_classic,
  );
  let started = false;
  return {
    onProgress: ({ done, total, label }) => {
      const payload = { label: (label ?? '').padEnd(12).slice(0, 24) };
      if (!started) {
        bar.start(total, done, payload);
        started = true;
        return;
      }
      bar.setTotal(total);
      bar.update(done, payload);
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

/** Runs `fn` with a progress bar, always taking the bar down, even when `fn` fails. */
export async function withProgress<T>(fn: (onProgress: OnProgress) => Promise<T>): Promise<T> {
  const bar = progressBar();
  try {
    return await fn(bar.onProgress);
  } finally {
    bar.stop();
  }
}
