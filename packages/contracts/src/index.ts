export * from './accounts.ts';
export * from './agencies.ts';
export * from './enums.ts';
export * from './errors.ts';
export * from './governorates.ts';
