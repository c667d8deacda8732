import { Route, Routes } from 'react-router-dom';
import { ApplicationDetail } from './application-detail';
import { HostImpactView } from './host-impact';
import { MatrixView } from './matrix-view';

/** The application map: matrix, application detail, host compromise impact; nested under /map. */
export function MapScreen() {
  return (
    <Routes>
      <Route index element={<MatrixView />} />
      <Route path="applications/:id" element={<ApplicationDetail />} />
      <Route path="impact" element={<HostImpactView />} />
    </Routes>
  );
}
