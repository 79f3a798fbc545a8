import { createBrowserRouter, Navigate } from 'react-router';
import { ForgotPasswordPage } from '../modules/accounts/forgot-password-page.tsx';
import { ProfilePage } from '../modules/accounts/profile-page.tsx';
import { RegisterPage } from '../modules/accounts/register-page.tsx';
import { ResetPasswordPage } from '../modules/accounts/reset-password-page.tsx';
import { SignInPage } from '../modules/accounts/sign-in-page.tsx';
import { VerifyEmailPage } from '../modules/accounts/verify-email-page.tsx';
import { FileCasePage } from '../modules/cases/file-case-page.tsx';
import { MyCasesPage } from '../modules/cases/my-cases-page.tsx';
import { TrackPage } from '../modules/cases/track-page.tsx';
import { HomePage } from '../modules/home/home-page.tsx';
import { NotFoundPage } from '../modules/home/not-found-page.tsx';
import { PageLoader, RequireSignedIn } from './guards.tsx';
import { AppLayout } from './shell.tsx';

// Pages few people open (staff, administration, development) load on demand.
const admin = () => import('../modules/admin/index.ts');
const inbox = () => import('../modules/inbox/index.ts');
const verify = () => import('../modules/verify/index.ts');

export const router = createBrowserRouter([
  {
    element: <AppLayout />,
    hydrateFallbackElement: <PageLoader />,
    children: [
      { path: '/', element: <HomePage /> },
      { path: '/register', element: <RegisterPage /> },
      { path: '/verify-email', element: <VerifyEmailPage /> },
      // The public verifier of signed answers; every letter's QR code opens /verify/<answer id>.
      { path: '/verify', lazy: async () => ({ Component: (await verify()).VerifyPage }) },
      { path: '/verify/:answerId', lazy: async () => ({ Component: (await verify()).VerifyAnswerPage }) },
      { path: '/sign-in', element: <SignInPage /> },
      { path: '/forgot-password', element: <ForgotPasswordPage /> },
      { path: '/reset-password', element: <ResetPasswordPage /> },
      {
        path: '/second-factor/enrol',
        lazy: async () => ({
          Component: (await import('../modules/accounts/second-factor-enrol-page.tsx')).SecondFactorEnrolPage,
        }),
      },
      {
        path: '/second-factor/verify',
        lazy: async () => ({
          Component: (await import('../modules/accounts/second-factor-verify-page.tsx')).SecondFactorVerifyPage,
        }),
      },
      {
        path: '/profile',
        element: (
          <RequireSignedIn>
            <ProfilePage />
          </RequireSignedIn>
        ),
      },
      { path: '/file', element: <FileCasePage /> },
      { path: '/track', element: <TrackPage /> },
      { path: '/track/:reference', element: <TrackPage /> },
      {
        path: '/my-cases',
        element: (
          <RequireSignedIn>
            <MyCasesPage />
          </RequireSignedIn>
        ),
      },
      {
        path: '/inbox',
        lazy: async () => ({ Component: (await inbox()).InboxArea }),
        children: [
          { index: true, lazy: async () => ({ Component: (await inbox()).InboxPage }) },
          { path: 'cases/:id', lazy: async () => ({ Component: (await inbox()).InboxCasePage }) },
        ],
      },
      {
        path: '/admin',
        lazy: async () => ({ Component: (await admin()).AdminArea }),
        children: [
          { index: true, element: <Navigate to="units" replace /> },
          { path: 'units', lazy: async () => ({ Component: (await admin()).UnitsPage }) },
          { path: 'staff', lazy: async () => ({ Component: (await admin()).StaffPage }) },
          { path: 'categories', lazy: async () => ({ Component: (await admin()).CategoriesPage }) },
          { path: 'routing', lazy: async () => ({ Component: (await admin()).RoutingRulesPage }) },
        ],
      },
      {
        path: '/dev/mailbox',
        lazy: async () => ({ Component: (await import('../modules/dev-mailbox/dev-mailbox-page.tsx')).DevMailboxPage }),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
