export { DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoAccount } from './demo-accounts.ts';
export { formatDemoAccounts, seedDemoAccounts } from './seed.demo.ts';
export { REFERENCE_DATA_VERSION, type SeedResult, seedReferenceData } from './seed.reference-data.ts';
export { seedStartupHook } from './seed.startup.ts';
