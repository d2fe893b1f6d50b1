// The station API contract: the single source of types and validation for both bridges.
export * from './scan';
export * from './roles';
export * from './contract';
export * from './diagnostics';
export * from './device-health';
export * from './state';
export * from './messages';
export * from './bridge';
