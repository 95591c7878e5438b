/** The instrumentation scope's name and version (kept with the package's version by hand; a unit test compares them). */
export const INSTRUMENTATION_NAME = 'slotline/otel';
export const INSTRUMENTATION_VERSION = '0.1.0';
