/**
 * The AWS SDK warns that its 2027 releases need Node 22 once per copy of its modules (its CommonJS
 * and ES builds each keep their own "warned" flag, and a process can load both). This keeps the
 * warning to once per process: the first NodeVersionSupportWarning is printed, later ones are
 * dropped. Other warnings pass unchanged. (A Lambda function's own SDK prints it in the function's
 * log stream, as on AWS; that output is the function's, not this process's.)
 */
export function warnAboutNodeVersionOnce(): void {
  const marker = Symbol.for('testbed.nodeVersionWarningOnce');
  const proc = process as unknown as Record<symbol, boolean>;
  if (proc[marker]) return;
  proc[marker] = true;
  const emit = process.emitWarning.bind(process);
  let warned = false;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const text = typeof warning === 'string' ? warning : warning?.message;
    if (text?.startsWith('NodeVersionSupportWarning')) {
      if (warned) return;
      warned = true;
    }
    (emit as (w: string | Error, ...r: unknown[]) => void)(warning, ...rest);
  }) as typeof process.emitWarning;
}

warnAboutNodeVersionOnce();
