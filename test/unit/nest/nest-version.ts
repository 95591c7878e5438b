/**
 * The Nest major this run is meant for, set by its Jest config (`globals.NEST_MAJOR`): 12 for the
 * ESM run on the root's dev dependencies, 11 for the CommonJS run on test/fixtures/nest11.
 */
export function nestMajor(): number {
  const major = (globalThis as { NEST_MAJOR?: unknown }).NEST_MAJOR;
  if (typeof major !== 'number') throw new Error('NEST_MAJOR is not set: run the Nest specs with npm run test:nest12 or test:nest11');
  return major;
}
