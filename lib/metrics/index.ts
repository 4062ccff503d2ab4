/** QueueLens flow metrics: pure functions over stored tickets, transitions and daily rollups. */
export * from './time';
export * from './random';
export * from './percentiles';
export * from './history-index';
export * from './wip';
export * from './flow';
export * from './pace';
export * from './handoffs';
export * from './business-hours';
export * from './sla';
export * from './bottleneck';
export * from './capacity';
export * from './forecast';
export * from './personal';
export * from './dashboard';
