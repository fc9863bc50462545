import type { Command, OptionValues } from 'commander';
import { EXIT, type ExitCode } from './exit-codes';
import { reportError } from './report-error';

type Run<O> = (options: O, args: string[]) => Promise<ExitCode | void>;

/**
 * A command's action: its result becomes the exit code and any error one line on stderr.
 * Exit codes are set, not forced, so stdout is flushed before the process ends.
 */
export function cliAction<O extends OptionValues & { verbose?: boolean }>(run: Run<O>, fieldLabels?: Record<string, string>) {
  return async function (this: Command): Promise<void> {
    const options = this.opts<O>();
    try {
      process.exitCode = (await run(options, this.processedArgs as string[])) ?? EXIT.ok;
    } catch (err) {
      process.exitCode = reportError(err, { verbose: options.verbose, fieldLabels });
    }
  };
}
