/** A failure the person at the terminal can act on: printed as is, without a stack. */
export class ScriptError extends Error {
  override name = 'ScriptError';
}

/** Runs a script's body and exits with its code; unexpected errors keep their stack. */
export function runScript(body: () => Promise<number | void>): void {
  body().then(
    (code) => process.exit(code ?? 0),
    (err: unknown) => {
      console.error(err instanceof ScriptError ? `\n${err.message}\n` : err);
      process.exit(1);
    },
  );
}
