// @ts-check
/**
 * HTTPS calls to the emulator itself go over HTTP to its port.
 *
 * Code written for AWS calls AWS over HTTPS on port 443: CloudFormation's custom-resource
 * handlers, for one, answer their response URL with `https.request({ hostname, path })`, which
 * drops the URL's scheme and port. LocalStack serves HTTPS on 443 inside its container for this;
 * the embedded emulator serves plain HTTP on one port, so a request for the emulator's own host
 * on the default HTTPS port is sent there instead. Every other request is left alone.
 */
import http from 'node:http';
import https from 'node:https';
import { syncBuiltinESMExports } from 'node:module';

/** @param {string | undefined} endpoint  the emulator's `http://host:port` */
export function routeLocalHttpsToEmulator(endpoint) {
  if (!endpoint) return;
  const target = new URL(endpoint);
  if (target.protocol !== 'http:') return;
  const localHosts = new Set([target.hostname, '127.0.0.1', 'localhost', '[::1]', '::1']);

  /** @param {any[]} args */
  function redirect(args) {
    let [first, second, third] = args;
    /** @type {Record<string, any>} */
    let options;
    let callback;
    if (typeof first === 'string' || first instanceof URL) {
      const url = new URL(first);
      options = { protocol: url.protocol, hostname: url.hostname, port: url.port, path: `${url.pathname}${url.search}` };
      if (typeof second === 'function') callback = second;
      else {
        options = { ...options, ...second };
        callback = third;
      }
    } else {
      options = { ...first };
      callback = second;
    }
    const host = String(options.hostname ?? options.host ?? 'localhost').replace(/:\d+$/, '');
    const port = String(options.port ?? '');
    if (!localHosts.has(host) || (port !== '' && port !== '443')) return undefined;
    // An https.Agent cannot carry a plain HTTP request.
    const { agent: _agent, protocol: _protocol, host: _host, ...rest } = options;
    return [{ ...rest, protocol: 'http:', hostname: target.hostname, port: target.port }, callback].filter((a) => a !== undefined);
  }

  const originalRequest = https.request;
  const originalGet = https.get;
  /** @type {any} */ (https).request = (/** @type {any[]} */ ...args) => {
    const local = redirect(args);
    return local ? http.request(.../** @type {[any, any]} */ (local)) : originalRequest.apply(https, /** @type {any} */ (args));
  };
  /** @type {any} */ (https).get = (/** @type {any[]} */ ...args) => {
    const local = redirect(args);
    return local ? http.get(.../** @type {[any, any]} */ (local)) : originalGet.apply(https, /** @type {any} */ (args));
  };
  // ES modules that import { request } from 'https' see the change too.
  syncBuiltinESMExports();
}
