import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { ApiProblem } from './api/problems.ts';
import { AcceptInvitation } from './screens/AcceptInvitation.tsx';
import { ResetPassword } from './screens/account/ResetPassword.tsx';
import { VerifyEmail } from './screens/account/VerifyEmail.tsx';
import { Layout, RequireSignIn } from './components/Layout.tsx';
import { CandidateProfile } from './screens/candidate/CandidateProfile.tsx';
import { MyInterviews } from './screens/interviews/MyInterviews.tsx';
import { ScorecardScreen } from './screens/interviews/ScorecardScreen.tsx';
import { JobsList } from './screens/JobsList.tsx';
import { JobEditor } from './screens/jobs/JobEditor.tsx';
import { NewJob } from './screens/jobs/NewJob.tsx';
import { Branding } from './screens/settings/Branding.tsx';
import { Members } from './screens/settings/Members.tsx';
import { OfferSettings } from './screens/offers/OfferSettings.tsx';
import { Reports } from './screens/reports/Reports.tsx';
import { Settings, SettingsIndex } from './screens/settings/Settings.tsx';
import { ApiKeys } from './screens/settings/ApiKeys.tsx';
import { Sso } from './screens/settings/Sso.tsx';
import { PipelineTemplates } from './screens/settings/PipelineTemplates.tsx';
import { RejectionReasons } from './screens/settings/RejectionReasons.tsx';
import { EmailTemplates } from './screens/settings/EmailTemplates.tsx';
import { Webhooks } from './screens/settings/Webhooks.tsx';
import { Retention } from './screens/settings/Retention.tsx';
import { Duplicates } from './screens/candidate/Duplicates.tsx';
import { PipelineBoard } from './screens/pipeline/PipelineBoard.tsx';
import { SignIn } from './screens/SignIn.tsx';
import { SessionProvider } from './session.tsx';
import './styles.css';

const queries = new QueryClient({
  defaultOptions: {
    queries: {
      // A refusal (4xx) will not change by asking again; a dropped connection might.
      retry: (failures, error) => !(error instanceof ApiProblem && error.status < 500) && failures < 2,
      staleTime: 10_000,
    },
  },
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queries}>
      <SessionProvider>
        <BrowserRouter basename="/app">
          <Routes>
            <Route path="/sign-in" element={<SignIn />} />
            <Route path="/accept-invitation" element={<AcceptInvitation />} />
            <Route path="/reset-password" element={<ResetPassword />} />
            <Route path="/verify-email" element={<VerifyEmail />} />
            <Route element={<RequireSignIn><Layout /></RequireSignIn>}>
              <Route index element={<Navigate to="/jobs" replace />} />
              <Route path="/jobs" element={<JobsList />} />
              <Route path="/jobs/new" element={<NewJob />} />
              <Route path="/jobs/:jobId" element={<PipelineBoard />} />
              <Route path="/jobs/:jobId/edit" element={<JobEditor />} />
              <Route path="/candidates/duplicates" element={<Duplicates />} />
              <Route path="/candidates/:candidateId" element={<CandidateProfile />} />
              <Route path="/interviews" element={<MyInterviews />} />
              <Route path="/interviews/:interviewId/scorecard" element={<ScorecardScreen />} />
              <Route path="/reports" element={<Reports />} />
              <Route path="/settings" element={<Settings />}>
                <Route index element={<SettingsIndex />} />
                <Route path="members" element={<Members />} />
                <Route path="branding" element={<Branding />} />
                <Route path="offers" element={<OfferSettings />} />
                <Route path="api-keys" element={<ApiKeys />} />
                <Route path="sso" element={<Sso />} />
                <Route path="pipeline-templates" element={<PipelineTemplates />} />
                <Route path="rejection-reasons" element={<RejectionReasons />} />
                <Route path="email-templates" element={<EmailTemplates />} />
                <Route path="webhooks" element={<Webhooks />} />
                <Route path="retention" element={<Retention />} />
              </Route>
              <Route path="*" element={<p role="alert">There is no such page in the console.</p>} />
            </Route>
          </Routes>
        </BrowserRouter>
      </SessionProvider>
    </QueryClientProvider>
  </StrictMode>,
);
