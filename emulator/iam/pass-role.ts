import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PassRoleCheck, PassRoleInput } from '../core/hub';
import type { RequestContext } from '../core/request-context';
import { sendJson } from '../protocol/http';
import type { IamStore } from './store';

export const PASS_ROLE_PATH = '/_testbed/iam/pass-role';
const FILTERS = ['roleArn'];
/** The oldest checks fall out first past this many, so a long run cannot grow without bound. */
const CAPACITY = 10_000;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/;

/**
 * The `iam:PassRole` checks AWS would make when a call hands a role to a service. AWS refuses
 * the call when the caller may not pass the role; the emulator has no caller policies, so it
 * records each check (and whether the role exists in its IAM) and lets the call through.
 */
export class PassRoleLog {
  private readonly checks: PassRoleCheck[] = [];

  constructor(private readonly store: IamStore) {}

  record(ctx: RequestContext, input: PassRoleInput): void {
    this.checks.push({ time: new Date().toISOString(), accountId: ctx.accountId, region: ctx.region, ...input, roleExists: this.roleExists(input.roleArn) });
    if (this.checks.length > CAPACITY) this.checks.shift();
  }

  list(roleArn?: string): PassRoleCheck[] {
    return roleArn === undefined ? [...this.checks] : this.checks.filter((c) => c.roleArn === roleArn);
  }

  /** IAM is global per account: the role is looked up in the account its ARN names, path included. */
  private roleExists(roleArn: string): boolean {
    const [, accountId, name] = ROLE_ARN.exec(roleArn) ?? [];
    if (!accountId || !name) return false;
    return this.store.get(accountId, 'global').roles.get(name)?.Arn === roleArn;
  }

  /** `GET /_testbed/iam/pass-role[?roleArn=...]`: the checks, newest last; an unknown filter is a 400. */
  handleHttp(req: IncomingMessage, res: ServerResponse, url: URL): boolean {
    if (req.method !== 'GET' || url.pathname.replace(/\/$/, '') !== PASS_ROLE_PATH) return false;
    const unknown = [...url.searchParams.keys()].find((name) => !FILTERS.includes(name));
    if (unknown !== undefined) {
      sendJson(res, 400, { message: `Unknown filter "${unknown}"; the filters are ${FILTERS.join(', ')}.` });
      return true;
    }
    sendJson(res, 200, { checks: this.list(url.searchParams.get('roleArn') ?? undefined) });
    return true;
  }
}
