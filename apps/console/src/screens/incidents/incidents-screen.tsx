import { Route, Routes } from 'react-router-dom';
import { ActionsOverview } from './actions-overview';
import { BreachRegister } from './breach-register';
import { DeadlinesOverview } from './deadlines';
import { IncidentCreate } from './incident-create';
import { IncidentDetail } from './incident-detail';
import { IncidentList } from './incident-list';

/**
 * The incident log (list with indicators and export, record, detail with breach and
 * corrective actions), the breach deadlines, the Art. 33(5) breach register and the
 * corrective actions overview, nested under /incidents.
 */
export function IncidentsScreen() {
  return (
    <Routes>
      <Route index element={<IncidentList />} />
      <Route path="new" element={<IncidentCreate />} />
      <Route path="deadlines" element={<DeadlinesOverview />} />
      <Route path="register" element={<BreachRegister />} />
      <Route path="actions" element={<ActionsOverview />} />
      <Route path=":ref/*" element={<IncidentDetail />} />
    </Routes>
  );
}
