import { Route, Routes } from 'react-router-dom';
import { ActivityPage } from './activity-page';
import { HistoryPage } from './history-page';
import { MemberRegister } from './member-register';
import { MembersIndex } from './members-index';

/**
 * The record of processing activities (RGPD art. 30.1), for the shared DPO
 * and the members' referents:
 *   /register                          members in scope, with their registers' counts
 *   /register/:member                  a member's register (search, filters, exports)
 *   /register/:member/new              a new record (the CNIL form)
 *   /register/:member/:id              a record: form, DPIA verdict, workflow, PDF
 *   /register/:member/:id/history      its versions and a side-by-side comparison
 */
export function RegisterScreen() {
  return (
    <Routes>
      <Route index element={<MembersIndex />} />
      <Route path=":member" element={<MemberRegister />} />
      <Route path=":member/new" element={<ActivityPage key="new" />} />
      <Route path=":member/:id" element={<ActivityPage />} />
      <Route path=":member/:id/history" element={<HistoryPage />} />
    </Routes>
  );
}
