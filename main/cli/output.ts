/** Data for the caller: the only thing on stdout, so `--json` output can be piped as is. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printLines(lines: string[]): void {
  if (lines.length) process.stdout.write(`${lines.join('\n')}\n`);
}

/** Progress and remarks for the person watching, kept off stdout. */
export function note(line: string): void {
  process.stderr.write(`${line}\n`);
}
