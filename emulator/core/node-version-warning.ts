/**
 * The AWS SDK warns that its 2027 releases need Node 22 each time one of its module copies builds a
 * client (its CommonJS and ES builds each keep their own "warned" flag, and every Lambda worker
 * thread loads its own copy). This keeps the warning to once per process: the first
 * NodeVersionSupportWarning is printed, later ones are dropped. Other warnings pass unchanged.
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
