export * from './accounts.ts';
export * from './agencies.ts';
export * from './attachments.ts';
export * from './cases.ts';
export * from './enums.ts';
export * from './errors.ts';
export * from './faq.ts';
export * from './governorates.ts';
