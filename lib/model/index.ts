export * from './keys';
export * from './stages';
export * from './observation';
export * from './transition';
export * from './ticket';
export * from './diagnostics';
export * from './messages';
export * from './rollup';
