/** The back office, loaded only when a staff member opens it (kept out of the main bundle). */

export { InboxArea } from './inbox-area.tsx';
export { InboxCasePage } from './inbox-case-page.tsx';
export { InboxPage } from './inbox-page.tsx';
