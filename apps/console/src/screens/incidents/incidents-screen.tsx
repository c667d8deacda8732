import { Route, Routes } from 'react-router-dom';
import { IncidentCreate } from './incident-create';
import { IncidentDetail } from './incident-detail';
import { IncidentList } from './incident-list';

/** The incident log (list, record, detail with breach and corrective actions), nested under /incidents. */
export function IncidentsScreen() {
  return (
    <Routes>
      <Route index element={<IncidentList />} />
      <Route path="new" element={<IncidentCreate />} />
      <Route path=":ref/*" element={<IncidentDetail />} />
    </Routes>
  );
}
