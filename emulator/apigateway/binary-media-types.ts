/**
 * Whether a media type (an `Accept` or `Content-Type` value) is one of the API's binary media
 * types. As API Gateway does it: only the first type of a list counts, parameters are ignored,
 * `type/*` entries match any subtype, and entries with a wildcard type never match.
 */
export function isBinaryMediaType(mediaType: string | undefined, binaryMediaTypes: readonly string[]): boolean {
  if (!mediaType || binaryMediaTypes.length === 0) return false;
  const [type, subtype, ...extra] = mediaType.split(',')[0]!.split(';')[0]!.trim().split('/');
  if (!type || subtype === undefined || extra.length > 0) return false;
  return binaryMediaTypes.some((entry) => {
    const [t, s] = entry.split(';')[0]!.trim().split('/');
    if (!t || s === undefined || t === '*') return false;
    return t === type && (s === '*' || s === subtype);
  });
}
