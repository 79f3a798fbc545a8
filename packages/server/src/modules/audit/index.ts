export {
  type AuditEntry,
  type AuditRepository,
  auditInsertFromJson,
  auditJsonRows,
  createAuditRepository,
} from './audit.repository.ts';
export { sealAuditLog, startAuditSealer } from './audit.sealer.ts';
export { type AuditChainReport, verifyAuditChain } from './audit.verify.ts';
export { type AuditAnchorReport, verifyAuditAnchors } from './audit.verify-anchors.ts';
