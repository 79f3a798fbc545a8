export * from './accounts.ts';
export * from './agencies.ts';
export * from './cases.ts';
export * from './enums.ts';
export * from './errors.ts';
export * from './governorates.ts';
