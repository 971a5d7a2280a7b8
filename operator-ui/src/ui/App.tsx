import { Center, Loader } from '@mantine/core';
import { Suspense, lazy, useState, useSyncExternalStore } from 'react';
import { isAdminRole } from '../state/conversationActions';
import { Console } from './Console';
import { LoginPage } from './LoginPage';
import { NoticeProvider } from './notices';
import { useServices } from './services';

/** The admin area is loaded on first use (its own chunk: most operators never open it). */
const AdminArea = lazy(() => import('../admin/AdminEntry').then((module) => ({ default: module.AdminArea })));

/**
 * Login screen while signed out, the console while signed in (keyed by operator so a new login starts fresh), or —
 * for admins who pressed "Admin" in the header — the admin area full-page until it is closed.
 */
export function App() {
  const { auth } = useServices();
  const session = useSyncExternalStore(auth.subscribe, auth.current);
  // the operator id the admin area is open for: another login never inherits it
  const [adminFor, setAdminFor] = useState<string | null>(null);
  if (!session) return <LoginPage />;
  const { operator } = session;
  const admin = isAdminRole(operator.role);
  return (
    <NoticeProvider>
      {admin && adminFor === operator.id
        ? (
          <Suspense fallback={<Center h="100dvh"><Loader /></Center>}>
            <AdminArea onClose={() => setAdminFor(null)} />
          </Suspense>
        )
        : <Console key={operator.id} operator={operator} onOpenAdmin={admin ? () => setAdminFor(operator.id) : undefined} />}
    </NoticeProvider>
  );
}
