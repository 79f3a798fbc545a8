export { deliverQueuedMail, enqueueTemplatedMail, MAIL_DELIVER_JOB, startMailDelivery } from './mail.delivery.ts';
export { createMailRepository, type MailRepository, type NewOutboundEmail } from './mail.repository.ts';
export { mailRoutes } from './mail.routes.ts';
export { MAIL_TEMPLATES, type MailTemplateName, renderMail } from './mail.templates.ts';
