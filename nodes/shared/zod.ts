// Every node imports zod from here: the build bundles this one file, so the published
// package needs no runtime dependency and carries a single copy of the library.
export { z } from 'zod';
export type { ZodIssue, ZodRawShape, ZodType, ZodTypeAny } from 'zod';
