/** A template the deployer cannot deploy as written: bad intrinsic use, unknown reference, cycle. */
export class TemplateError extends Error {
  override readonly name = 'TemplateError';
}
