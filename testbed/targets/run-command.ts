import { spawn } from 'node:child_process';

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Each line of output, as it comes. */
  log?: (line: string) => void;
}

/**
 * Runs a command (cdk, cdklocal), passing its output on line by line; a non-zero exit becomes an
 * error that quotes the last lines, so the reason is in the message, not only on the terminal.
 */
export function runCommand(command: string, args: string[], options: RunOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const tail: string[] = [];
    let partial = '';
    const take = (chunk: Buffer) => {
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        tail.push(line);
        if (tail.length > 20) tail.shift();
        options.log?.(line);
      }
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', (err) => reject(new Error(`Could not run ${command}: ${err.message}`)));
    child.on('close', (code) => {
      if (partial) {
        tail.push(partial);
        options.log?.(partial);
      }
      if (code === 0) resolve();
      else reject(new Error(`${[command.split('/').pop(), ...args.slice(0, 1)].join(' ')} failed (exit ${code}):\n${tail.join('\n')}`));
    });
  });
}
