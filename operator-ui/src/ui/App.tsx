import { useSyncExternalStore } from 'react';
import { Console } from './Console';
import { LoginPage } from './LoginPage';
import { useServices } from './services';

/** Login screen while signed out, the console while signed in (keyed by operator so a new login starts fresh). */
export function App() {
  const { auth } = useServices();
  const session = useSyncExternalStore(auth.subscribe, auth.current);
  if (!session) return <LoginPage />;
  return <Console key={session.operator.id} operator={session.operator} />;
}
