import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, wherever the caller runs from (the e2e setup, npm scripts, a test). */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const STACK_NAME = 'OrdersStack';
export const bin = (name: string) => path.join(PROJECT_ROOT, 'node_modules', '.bin', name);

/** The services this stack needs from LocalStack (the same list docker-compose.yml starts). */
export const LOCALSTACK_SERVICES = ['events', 'logs', 'lambda', 'apigateway', 'stepfunctions', 'dynamodb', 'iam', 'sts', 's3', 'ssm', 'cloudformation'] as const;
/** The image every LocalStack target uses; see docs/targets.md before changing it. */
export const LOCALSTACK_IMAGE = 'localstack/localstack:4.14.0';

/** The region the outputs live in: from the bus ARN, which every target's outputs carry. */
export function regionOf(outputs: Record<string, string>, fallback: string): string {
  return outputs.BusArn?.split(':')[3] || fallback;
}
