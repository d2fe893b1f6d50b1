// The renderer's single doorway to the station API contract (types + zod schemas, no Node).
export * from '../../src/api';
