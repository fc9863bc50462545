import { AppError } from '../core/errors';

const ENTER = new Set(['\r', '\n', '\u0004']);
const INTERRUPT = '\u0003';
const ERASE = new Set(['\u007f', '\b']);

/** At a terminal: one line, not echoed. */
function readHiddenLine(input: NodeJS.ReadStream): Promise<string> {
  process.stderr.write('Password: ');
  input.setRawMode(true);
  input.setEncoding('utf8');
  input.resume();
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (error?: AppError): void => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        if (ENTER.has(ch)) return finish();
        if (ch === INTERRUPT) return finish(new AppError('VALIDATION', 'Cancelled.'));
        if (ERASE.has(ch)) typed = [...typed].slice(0, -1).join('');
        else typed += ch;
      }
    };
    input.on('data', onData);
  });
}

/** Piped: everything up to end of input, less the one line ending `echo` adds. */
async function readPiped(input: NodeJS.ReadStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/**
 * Passwords never come from arguments or the environment, where `ps` and shell history can see
 * them: only from stdin, piped or typed without echo.
 */
export function readPasswordFromStdin(input: NodeJS.ReadStream = process.stdin): Promise<string> {
  return input.isTTY ? readHiddenLine(input) : readPiped(input);
}
