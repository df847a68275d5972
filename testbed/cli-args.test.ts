import { describe, expect, it } from 'vitest';
import { splitE2eArgs, UsageError } from './cli-args';

describe('npm run e2e arguments', () => {
  it('keeps --target for the testbed and passes everything else to vitest', () => {
    expect(splitE2eArgs(['--target', 'embedded', '-t', 'routes'])).toEqual({ target: 'embedded', vitestArgs: ['-t', 'routes'] });
    expect(splitE2eArgs(['e2e/edges.test.ts', '--target=aws'])).toEqual({ target: 'aws', vitestArgs: ['e2e/edges.test.ts'] });
    expect(splitE2eArgs([])).toEqual({ target: undefined, vitestArgs: [] });
  });

  it('refuses --target without a value', () => {
    expect(() => splitE2eArgs(['--target'])).toThrow(UsageError);
    expect(() => splitE2eArgs(['--target', '--bail'])).toThrow('--target needs a value.');
  });
});
