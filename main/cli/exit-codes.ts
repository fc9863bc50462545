import type { CommanderError } from 'commander';

/** The exit codes every command keeps: scripts and cron jobs branch on them. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * Commander's own outcomes: help asked for is success; help shown because no command was
 * given, and every parse error (unknown command or option, missing argument), is a usage error.
 */
export function exitCodeForCommander(err: CommanderError): ExitCode {
  if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return EXIT.ok;
  if (err.code === 'commander.help') return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
  return EXIT.usage;
}
