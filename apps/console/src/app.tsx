import { Center, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router-dom';
import { useSession } from './auth/session';
import { Shell } from './components/shell';
import { AdminScreen } from './screens/admin-screen';
import { AlertsScreen } from './screens/alerts-screen';
import { EventsScreen } from './screens/events-screen';
import { LoginScreen } from './screens/login-screen';
import { NotFoundScreen } from './screens/not-found-screen';
import { RegisterScreen } from './screens/register-screen';

export function App() {
  const { me, loading } = useSession();
  const { t } = useTranslation();
  if (loading) {
    return (
      <Center h="100vh">
        <Loader aria-label={t('app.loading')} />
      </Center>
    );
  }
  if (!me) return <LoginScreen />;
  return (
    <Shell>
      <Routes>
        <Route path="/" element={<Navigate to="/alerts" replace />} />
        <Route path="/alerts" element={<AlertsScreen />} />
        <Route path="/events" element={<EventsScreen />} />
        <Route path="/register" element={<RegisterScreen />} />
        <Route path="/admin/*" element={<AdminScreen />} />
        <Route path="*" element={<NotFoundScreen />} />
      </Routes>
    </Shell>
  );
}
