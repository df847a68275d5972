// @ts-check
/**
 * Module resolution hook for ES-module handlers that run from a directory outside the runtime's
 * tree (hot-reload code): a bare `@aws-sdk/...` import that Node cannot resolve from the handler's
 * location is resolved again from the runtime's own `node_modules`, as the managed runtime
 * provides the SDK. Registered only for such environments, since hooks cost a thread.
 */

/** @type {string} */
let fallbackParentURL;

/** @param {{ parentURL: string }} data */
export function initialize(data) {
  fallbackParentURL = data.parentURL;
}

/**
 * @param {string} specifier
 * @param {{ parentURL?: string, conditions: string[], importAttributes: object }} context
 * @param {Function} nextResolve
 */
export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    if (/** @type {any} */ (error)?.code === 'ERR_MODULE_NOT_FOUND' && specifier.startsWith('@aws-sdk/')) {
      return nextResolve(specifier, { ...context, parentURL: fallbackParentURL });
    }
    throw error;
  }
}
