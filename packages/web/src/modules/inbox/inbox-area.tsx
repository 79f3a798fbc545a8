import { Outlet } from 'react-router';
import { RequireSignedIn } from '../../app/guards.tsx';

/** Only staff who handle cases enter; the server checks every case and action again. */
export function InboxArea() {
  return (
    <RequireSignedIn handler>
      <Outlet />
    </RequireSignedIn>
  );
}
