import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// The emulator does each concern one way. These checks keep the removed idioms from coming back;
// the lists of files still on an old way shrink as services move to operation tables.

const ROOT = join(import.meta.dirname, '..');

function sources(dir = ROOT): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sources(path);
    return e.name.endsWith('.ts') ? [relative(ROOT, path)] : [];
  });
}

const code = sources().filter((f) => !f.endsWith('.test.ts'));
const containing = (text: string | RegExp) => code.filter((f) => (typeof text === 'string' ? readFileSync(join(ROOT, f), 'utf8').includes(text) : text.test(readFileSync(join(ROOT, f), 'utf8'))));

describe('one way per concern', () => {
  it("spells AWS's constraint wording only in the validation front end", () => {
    // The deployer words CloudFormation's template parameter constraints, which are not request checks.
    expect(containing('failed to satisfy constraint').filter((f) => !f.startsWith('deployer/'))).toEqual(['protocol/validation.ts']);
  });

  it('has no Violations collector and no rule tables of its own in a service', () => {
    expect(containing(/class Violations\b/)).toEqual([]);
    expect(code).not.toContain('logs/validate.ts');
    expect(code).not.toContain('events/validation.ts');
  });

  it('declares EventBridge and CloudWatch Logs operations in one table each, not spread groups', () => {
    for (const service of ['events', 'logs']) {
      const index = readFileSync(join(ROOT, service, 'index.ts'), 'utf8');
      expect(index).not.toMatch(/\.\.\.\w+Operations?\(/);
      expect(readFileSync(join(ROOT, service, 'operations.ts'), 'utf8')).toMatch(/OperationTable</);
    }
  });

  it('declares Lambda and API Gateway operations in one table each with REST bindings, not a route list', () => {
    expect(readFileSync(join(ROOT, 'lambda', 'operations.ts'), 'utf8')).toMatch(/^  CreateFunction: op\(/m);
    expect(readFileSync(join(ROOT, 'apigateway', 'operations.ts'), 'utf8')).toMatch(/^  GetStages: api\(/m);
    const routeLists = code.filter((f) => /^(lambda|apigateway)\//.test(f) && /(\[\s*|route\()'(GET|POST|PUT|PATCH|DELETE)',\s*[/`R]/.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(routeLists).toEqual([]);
    expect(containing('validation error').filter((f) => f !== 'deployer/rules.ts')).toEqual(['protocol/validation.ts']);
  });

  it('keeps the core free of service modules', () => {
    const services = ['apigateway', 'cloudformation', 'deployer', 'dynamodb', 'events', 'iam', 'lambda', 'logs', 's3', 'ssm', 'stepfunctions', 'sts'];
    for (const f of code.filter((f) => f.startsWith('core/'))) {
      const imports = [...readFileSync(join(ROOT, f), 'utf8').matchAll(/from '\.\.\/([\w-]+)\//g)].map((m) => m[1]);
      expect(imports.filter((i) => services.includes(i!)), f).toEqual([]);
    }
  });

  it('has one bounded wait', () => {
    expect(containing(/function (waitFor|eventually)\b/)).toEqual(['testing/wait.ts']);
  });

  it('names test helpers testing.ts and tag modules tags.ts', () => {
    const names = code.map((f) => f.split('/').pop()!);
    expect(code.filter((f) => /(^|\/)(test-support|test-helpers)\.ts$/.test(f))).toEqual([]);
    expect(names.filter((n) => /tags?\b/.test(n) && n !== 'tags.ts')).toEqual([]);
  });
});
