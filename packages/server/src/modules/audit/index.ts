export { type AuditEntry, type AuditRepository, createAuditRepository } from './audit.repository.ts';
