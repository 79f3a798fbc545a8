import { RequireSignedIn } from '../../app/guards.tsx';
import { AdminLayout } from './admin-layout.tsx';

/** Only staff holding an administrator role enter; the server checks each action again. */
export function AdminArea() {
  return (
    <RequireSignedIn admin>
      <AdminLayout />
    </RequireSignedIn>
  );
}
