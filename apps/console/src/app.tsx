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
import { DashboardScreen } from './screens/dashboard/dashboard-screen';
import { EvidenceScreen } from './screens/evidence/evidence-screen';
import { IncidentsScreen } from './screens/incidents/incidents-screen';
import { MapScreen } from './screens/map/map-screen';
import { RegisterScreen } from './screens/register/register-screen';

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
        <Route path="/alerts/*" element={<AlertsScreen />} />
        <Route path="/events" element={<EventsScreen />} />
        <Route path="/dashboard" element={<DashboardScreen />} />
        <Route path="/register/*" element={<RegisterScreen />} />
        <Route path="/map/*" element={<MapScreen />} />
        <Route path="/incidents/*" element={<IncidentsScreen />} />
        <Route path="/evidence/*" element={<EvidenceScreen />} />
        <Route path="/admin/*" element={<AdminScreen />} />
        <Route path="*" element={<NotFoundScreen />} />
      </Routes>
    </Shell>
  );
}
