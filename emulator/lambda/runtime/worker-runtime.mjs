// @ts-check
/**
 * The Node.js runtime of one execution environment, run inside a worker thread.
 *
 * Plain JavaScript on purpose: a worker thread starts a fresh module loader without the
 * TypeScript hooks of its parent (tsx, vitest), so this file must run on bare Node.
 *
 * It follows the managed runtime's behaviour: the handler string `dir/file.export.path` is
 * resolved the way AWS's runtime interface client resolves it (extensionless, `.js` as CommonJS
 * unless the nearest package.json says `"type": "module"`, `.mjs`, `.cjs`), loading errors become
 * `Runtime.*` errors, console output is written in the runtime's text log format, and results and
 * errors take the shapes the runtime posts back.
 *
 * Protocol with the main thread (kept small; bodies travel as transferred byte arrays):
 *   in:  { t: 'invoke', id, event: Uint8Array, deadline, arn, clientContext?, trace? }
 *   out: { t: 'ready' } | { t: 'init-error', body, times, lines }
 *        { t: 'done', id, error: boolean, body: Uint8Array, times, lines, heap }
 *        { t: 'logs', times, lines }  (output between results: long invocations, timers)
 * A crash during an invocation answers it with the error, then exits the thread (129/128),
 * which discards the environment, as the managed runtime exits its process.
 */
import moduleApi, { createRequire, register } from 'node:module';
import { tmpdir } from 'node:os';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { format, types } from 'node:util';
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { routeLocalHttpsToEmulator } from './local-https.mjs';

if (!parentPort) throw new Error('worker-runtime.mjs runs only inside a worker thread');
const port = parentPort;

// Where Node has an on-disk compile cache (22.1 and later), every environment after the first
// reuses the compiled code of the handler and the SDK instead of compiling it again: a host-side
// saving, invisible to the handler. Node 20 has none and compiles each time.
if (typeof moduleApi.enableCompileCache === 'function' && process.env.TESTBED_LAMBDA_COMPILE_CACHE !== '0') {
  moduleApi.enableCompileCache(path.join(tmpdir(), 'testbed-lambda-compile-cache'));
}

/** @type {{ taskRoot: string, handler: string, sdkFallbackParent?: string }} */
const config = workerData;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

// ---------------------------------------------------------------------------------------------
// Logging: `<ISO time>\t<request id>\t<LEVEL>\t<message>\n`, the runtime's text format. The request
// id is `undefined` outside an invocation (module scope, stray timers), exactly as on AWS.
// ---------------------------------------------------------------------------------------------
/** @type {string | undefined} */
let currentRequestId;
/** @type {number[]} */
let logTimes = [];
/** @type {string[]} */
let logLines = [];
/** @type {NodeJS.Timeout | undefined} */
let flushTimer;
const LOG_FLUSH_MS = 50;

/** @param {string} level @param {unknown[]} args */
function writeLog(level, args) {
  const now = Date.now();
  logTimes.push(now);
  logLines.push(`${new Date(now).toISOString()}\t${currentRequestId}\t${level}\t${format(...args)}\n`);
  // Output of a long invocation (or of a timer after it) still reaches the logs if the
  // environment is killed by a timeout later.
  flushTimer ??= setTimeout(flushLogs, LOG_FLUSH_MS);
}

function takeLogs() {
  if (flushTimer) clearTimeout(flushTimer);
  flushTimer = undefined;
  const taken = { times: logTimes, lines: logLines };
  logTimes = [];
  logLines = [];
  return taken;
}

function flushLogs() {
  flushTimer = undefined;
  if (logLines.length > 0) port.postMessage({ t: 'logs', ...takeLogs() });
}

console.trace = (...a) => writeLog('TRACE', a);
console.debug = (...a) => writeLog('DEBUG', a);
console.info = (...a) => writeLog('INFO', a);
console.log = console.info;
console.warn = (...a) => writeLog('WARN', a);
console.error = (...a) => writeLog('ERROR', a);
/** @type {any} */ (console).fatal = (/** @type {unknown[]} */ ...a) => writeLog('FATAL', a);

// ---------------------------------------------------------------------------------------------
// Errors in the runtime's shapes.
// ---------------------------------------------------------------------------------------------
class RuntimeError extends Error {}
const runtimeErrors = {
  ImportModuleError: class ImportModuleError extends RuntimeError {},
  HandlerNotFound: class HandlerNotFound extends RuntimeError {},
  MalformedHandlerName: class MalformedHandlerName extends RuntimeError {},
  UserCodeSyntaxError: class UserCodeSyntaxError extends RuntimeError {},
  UnhandledPromiseRejection: class UnhandledPromiseRejection extends RuntimeError {},
};
for (const [name, cls] of Object.entries(runtimeErrors)) cls.prototype.name = `Runtime.${name}`;

/** @param {any} error */
function isErrorLike(error) {
  return types.isNativeError(error) || (error && typeof error.name === 'string' && typeof error.message === 'string' && typeof error.stack === 'string');
}

/** The invocation's error payload: `{errorType, errorMessage, trace}`. @param {any} error */
function errorPayload(error) {
  try {
    if (isErrorLike(error)) {
      return { errorType: error.name, errorMessage: error.message, trace: String(error.stack).split('\n') };
    }
    return { errorType: typeof error, errorMessage: String(error), trace: [] };
  } catch {
    return {
      errorType: 'handled',
      errorMessage: 'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack',
    };
  }
}

/** The `Invoke Error` log line: the error with its enumerable properties and split stack. @param {any} error */
function formattedError(error) {
  try {
    return '\t' + JSON.stringify(error, (_k, v) => {
      if (!(v instanceof Error)) return v;
      const out = Object.assign({ errorType: v.name, errorMessage: v.message, code: /** @type {any} */ (v).code }, v);
      if (typeof v.stack === 'string') out.stack = v.stack.split('\n');
      return out;
    });
  } catch {
    return '\t' + JSON.stringify(errorPayload(error));
  }
}

// ---------------------------------------------------------------------------------------------
// Loading the handler.
// ---------------------------------------------------------------------------------------------
// Handler files are required by absolute path, so the runtime's own location is the parent, as on AWS.
const requireFromTask = createRequire(import.meta.url);

/**
 * The package.json that decides whether a `.js` file inside the task root is CommonJS or an ES
 * module. On AWS the code sits in /var/task with nothing above it, so the search ends at the task
 * root; code run from a directory inside a project (hot reload of `cdk.out/asset.*` in a
 * `"type": "module"` project) must not pick up the project's package.json.
 * @param {string} dir
 * @returns {{ type?: string } | undefined}
 */
function packageScope(dir) {
  const root = path.resolve(config.taskRoot);
  for (let d = dir; d === root || d.startsWith(root + path.sep); d = path.dirname(d)) {
    if (d.endsWith(`${path.sep}node_modules`)) return undefined;
    const pj = path.join(d, 'package.json');
    if (existsSync(pj)) {
      try {
        return JSON.parse(readFileSync(pj, 'utf8'));
      } catch {
        return undefined;
      }
    }
    if (d === root) return undefined;
  }
  return undefined;
}

/** @param {string} dir */
const nearestPackageIsModule = (dir) => packageScope(dir)?.type === 'module';

// Node decides a required `.js` file's format from the nearest package.json anywhere above it;
// inside the task root, decide as AWS would (see packageScope) and compile such files as CommonJS.
const compileJs = requireFromTask.extensions['.js'];
requireFromTask.extensions['.js'] = function (module, filename) {
  const root = path.resolve(config.taskRoot);
  if (filename.startsWith(root + path.sep) && !nearestPackageIsModule(path.dirname(filename))) {
    const source = readFileSync(filename, 'utf8');
    /** @type {any} */ (module)._compile(source.charCodeAt(0) === 0xfeff ? source.slice(1) : source, filename);
    return;
  }
  compileJs(module, filename);
};

/** @param {string} file */
const isFile = (file) => existsSync(file) && statSync(file).isFile();
/** @param {string} file */
const importFile = (file) => import(pathToFileURL(file).href);

/** @param {string} moduleRoot @param {string} moduleName */
async function loadModule(moduleRoot, moduleName) {
  const base = path.resolve(config.taskRoot, moduleRoot, moduleName);
  if (existsSync(base)) return requireFromTask(base);
  const asModule = isFile(`${base}.js`) && nearestPackageIsModule(path.dirname(base));
  if (isFile(`${base}.js`) && !asModule) return requireFromTask(`${base}.js`);
  if (asModule) return importFile(`${base}.js`);
  if (isFile(`${base}.mjs`)) return importFile(`${base}.mjs`);
  if (isFile(`${base}.cjs`)) return requireFromTask(`${base}.cjs`);
  // The managed runtime's working directory is the task root: relative roots are relative to it.
  return requireFromTask(requireFromTask.resolve(moduleName, { paths: [config.taskRoot, path.resolve(config.taskRoot, moduleRoot)] }));
}

async function loadHandler() {
  const handlerString = config.handler;
  if (handlerString.includes('..')) {
    throw new runtimeErrors.MalformedHandlerName(`'${handlerString}' is not a valid handler name. Use absolute paths when specifying root directories in handler names.`);
  }
  const moduleAndHandler = path.basename(handlerString);
  const moduleRoot = handlerString.slice(0, handlerString.indexOf(moduleAndHandler));
  const match = /^([^.]*)\.(.*)$/.exec(moduleAndHandler);
  if (!match) throw new runtimeErrors.MalformedHandlerName('Bad handler');
  const [, moduleName, handlerPath] = /** @type {[string, string, string]} */ (match);
  let loaded;
  try {
    loaded = await loadModule(moduleRoot, moduleName);
  } catch (e) {
    if (e instanceof SyntaxError) throw new runtimeErrors.UserCodeSyntaxError(String(e));
    if (/** @type {any} */ (e)?.code === 'MODULE_NOT_FOUND') throw new runtimeErrors.ImportModuleError(String(e));
    throw e;
  }
  const fn = handlerPath.split('.').reduce((obj, key) => obj && obj[key], loaded);
  if (!fn) throw new runtimeErrors.HandlerNotFound(`${handlerString} is undefined or not exported`);
  if (typeof fn !== 'function') throw new runtimeErrors.HandlerNotFound(`${handlerString} is not a function`);
  return /** @type {Function} */ (fn);
}

// ---------------------------------------------------------------------------------------------
// Invocations.
// ---------------------------------------------------------------------------------------------
/** @type {((error: unknown) => void) | undefined} The current invocation's failure path, for crashes. */
let failCurrent;

/** @param {string} id @param {boolean} error @param {string} text */
function answer(id, error, text) {
  const body = encoder.encode(text);
  const { times, lines } = takeLogs();
  port.postMessage({ t: 'done', id, error, body, times, lines, heap: getHeapStatistics().total_heap_size }, [body.buffer]);
}

/**
 * @param {Function} handler
 * @param {{ id: string, event: Uint8Array, deadline: number, arn: string, clientContext?: string, trace?: string }} msg
 */
function invoke(handler, msg) {
  const { id, deadline } = msg;
  currentRequestId = id;
  // As the managed runtime does: the invocation's X-Ray header, which the AWS SDK copies onto
  // every request the handler makes (its recursion-detection middleware).
  if (msg.trace) process.env._X_AMZN_TRACE_ID = msg.trace;
  else delete process.env._X_AMZN_TRACE_ID;
  let settled = false;
  /** @param {unknown} error */
  const fail = (error) => {
    if (settled) return;
    settled = true;
    failCurrent = undefined;
    console.error('Invoke Error', formattedError(error));
    answer(id, true, JSON.stringify(errorPayload(error)));
  };
  /** @param {unknown} result */
  const succeed = (result) => {
    if (settled) return;
    let text;
    try {
      text = JSON.stringify(result === undefined ? null : result);
    } catch {
      fail(new Error('Unable to stringify response body'));
      return;
    }
    settled = true;
    failCurrent = undefined;
    answer(id, false, text);
  };
  failCurrent = fail;

  let waitsForEmptyEventLoop = true;
  const env = process.env;
  const context = {
    get callbackWaitsForEmptyEventLoop() {
      return waitsForEmptyEventLoop;
    },
    set callbackWaitsForEmptyEventLoop(value) {
      waitsForEmptyEventLoop = value;
    },
    succeed,
    fail: (/** @type {unknown} */ error) => fail(error ?? 'handled'),
    done: (/** @type {unknown} */ error, /** @type {unknown} */ result) => (error !== undefined && error !== null ? fail(error) : succeed(result)),
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION,
    functionName: env.AWS_LAMBDA_FUNCTION_NAME,
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
    clientContext: msg.clientContext ? JSON.parse(Buffer.from(msg.clientContext, 'base64').toString('utf8')) : undefined,
    identity: undefined,
    invokedFunctionArn: msg.arn,
    awsRequestId: id,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  const callback = (/** @type {unknown} */ error, /** @type {unknown} */ result) =>
    error !== undefined && error !== null ? fail(error) : succeed(result);

  try {
    const event = JSON.parse(decoder.decode(msg.event));
    const returned = handler(event, context, callback);
    if (returned && typeof returned.then === 'function') {
      returned.then(succeed, (/** @type {unknown} */ e) => fail(e ?? 'handled'));
    } else if (handler.length < 3) {
      // A synchronous handler without a callback: the managed runtime answers null once the
      // event loop drains; a worker cannot observe that, so the answer follows pending callbacks.
      setImmediate(() => succeed(null));
    }
  } catch (e) {
    fail(e);
  }
}

// A crash ends the environment: answer the invocation (if any) with the error, then exit.
process.on('uncaughtException', (error) => {
  console.error('Uncaught Exception', formattedError(error));
  crash(error, 129);
});
process.on('unhandledRejection', (reason) => {
  const error = new runtimeErrors.UnhandledPromiseRejection(String(reason));
  console.error('Unhandled Promise Rejection', formattedError(error));
  crash(error, 128);
});

/** @param {unknown} error @param {number} code */
function crash(error, code) {
  if (failCurrent) failCurrent(error);
  else flushLogs();
  process.exit(code);
}

// ---------------------------------------------------------------------------------------------
// Start: make @aws-sdk resolvable for ES modules outside the runtime's tree, load the handler
// (module scope runs now, once per environment), then serve invocations.
// ---------------------------------------------------------------------------------------------
routeLocalHttpsToEmulator(process.env.AWS_ENDPOINT_URL);
if (config.sdkFallbackParent) {
  register(new URL('./sdk-resolve-hook.mjs', import.meta.url), { data: { parentURL: pathToFileURL(config.sdkFallbackParent).href } });
}

try {
  const handler = await loadHandler();
  port.on('message', (msg) => {
    if (msg.t === 'invoke') invoke(handler, msg);
  });
  port.postMessage({ t: 'ready' });
} catch (error) {
  console.error('Uncaught Exception', formattedError(error));
  const body = encoder.encode(JSON.stringify(errorPayload(error)));
  port.postMessage({ t: 'init-error', body, ...takeLogs() }, [body.buffer]);
}
