import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Grants } from './admin/Grants.tsx';
import { AlarmsPage } from './alarms/AlarmsPage.tsx';
import { CameraHealthPage } from './health/CameraHealthPage.tsx';
import { PersonRecord } from './admin/PersonRecord.tsx';
import { Persons } from './admin/Persons.tsx';
import { Roles } from './admin/Roles.tsx';
import { Users } from './admin/Users.tsx';
import { Shell } from './components/Shell.tsx';
import { Desk } from './desk/Desk.tsx';
import { Exposure } from './filing/Exposure.tsx';
import { FilingIndex } from './filing/FilingIndex.tsx';
import { FilingPage } from './filing/FilingPage.tsx';
import { Findings } from './filing/Findings.tsx';
import { ExportRequestForm } from './evidence/ExportRequestForm.tsx';
import { Exports } from './evidence/Exports.tsx';
import { StateOrganForm } from './disclosure/state-organ/StateOrganForm.tsx';
import { StateOrganRequests } from './disclosure/state-organ/StateOrganRequests.tsx';
import { Retention } from './evidence/Retention.tsx';
import { VerifyBundle } from './evidence/VerifyBundle.tsx';
import { Art21Page } from './disclosure/art21/Art21Page.tsx';
import type { Session } from './api/types.ts';
import { useRoute, type Route } from './hooks/useRoute.ts';
import { useSession } from './hooks/useSession.ts';
import { CameraForm } from './pages/CameraForm.tsx';
import { Cameras } from './pages/Cameras.tsx';
import { Dashboard } from './pages/Dashboard.tsx';
import { Enrol } from './pages/Enrol.tsx';
import { LiveGrid } from './pages/LiveGrid.tsx';
import { Playback } from './pages/Playback.tsx';
import { SitePlans } from './plan/SitePlans.tsx';
import { Register } from './pages/Register.tsx';
import { Setup } from './pages/Setup.tsx';
import { SignIn } from './pages/SignIn.tsx';
import { Releases } from './disclosure/release/Releases.tsx';
import { ReleaseForm } from './disclosure/release/ReleaseForm.tsx';
import { ReleasePage } from './disclosure/release/ReleasePage.tsx';
import { Welcome } from './pages/Welcome.tsx';
import { Integrations } from './integrations/Integrations.tsx';
import { GbDevicesPage } from './gb28181/GbDevicesPage.tsx';
import { CorrectiveOrdersPage } from './corrective-orders/CorrectiveOrdersPage.tsx';
import { PublicSignPage } from './public/PublicSignPage.tsx';
import { PublicReportsPage } from './public-reports/PublicReportsPage.tsx';
import { InspectionPage } from './inspection/InspectionPage.tsx';
import { RecordersPage } from './cluster/RecordersPage.tsx';

function Page({ route, session }: { route: Route; session: Session }) {
  const { actions, user } = session;
  const [page, arg] = route.parts;
  switch (page) {
    case 'cameras':
      return arg ? <CameraForm id={arg === 'new' ? undefined : arg} /> : <Cameras canEdit={actions.includes('CONFIG')} />;
    case 'gb28181':
      return <GbDevicesPage deviceId={arg} mayConfigure={actions.includes('CONFIG')} />;
    case 'plan':
      return <SitePlans siteId={arg} />;
    case 'live':
      // ?path=hls asks for the HLS fallback (to compare the two paths).
      return <LiveGrid layout={Number(route.params.get('layout') ?? 4)} {...(arg ? { cameraId: arg } : {})} {...(route.params.get('path') === 'hls' ? { path: 'hls' as const } : {})} />;
    case 'playback':
      return <Playback cameraId={arg} day={route.params.get('day')} at={route.params.get('at')} />;
    case 'register':
      return <Register />;
    case 'recorders':
      return <RecordersPage />;
    case 'alarms':
      return <AlarmsPage cameraId={route.params.get('camera')} />;
    case 'health':
      return arg ? <CameraHealthPage cameraId={arg} /> : <AlarmsPage />;
    case 'users':
      return <Users />;
    case 'roles':
      return <Roles />;
    case 'persons':
      return arg ? <PersonRecord id={arg} /> : <Persons />;
    case 'welcome':
      return <Welcome session={session} />;
    case 'grants':
      return <Grants />;
    case 'desk':
      return <Desk parts={route.parts.slice(1)} params={route.params} />;
    case 'filing':
      return arg ? <FilingPage siteId={arg} /> : <FilingIndex />;
    case 'findings':
      return <Findings severity={route.params.get('severity')} />;
    case 'exposure':
      return <Exposure />;
    case 'corrective-orders':
      return <CorrectiveOrdersPage parts={route.parts.slice(1)} mayAdminister={actions.includes('ADMINISTER')} />;
    case 'retention':
      return <Retention section={arg} actions={actions} userName={user.username} />;
    case 'exports':
      if (arg === 'new') return <ExportRequestForm params={route.params} />;
      if (arg === 'verify') return <VerifyBundle />;
      return <Exports userId={user.id} mayApprove={actions.includes('APPROVE')} mayExport={actions.includes('EXPORT')} />;
    case 'art21':
      return <Art21Page parts={route.parts.slice(1)} mayApprove={actions.includes('APPROVE')} mayPlayback={actions.includes('PLAYBACK')} userId={user.id} />;
    case 'releases':
      if (arg === 'new') return <ReleaseForm params={route.params} />;
      return arg ? <ReleasePage id={arg} userId={user.id} actions={actions} /> : <Releases mayCreate={actions.includes('EXPORT')} />;
    case 'integrations':
      return <Integrations actions={actions} />;
    case 'public-reports':
      return <PublicReportsPage id={arg} />;
    case 'inspection':
      return <InspectionPage session={session} />;
    case 'state-organ':
      return arg === 'new' ? <StateOrganForm /> : <StateOrganRequests userId={user.id} mayApprove={actions.includes('APPROVE')} mayExport={actions.includes('EXPORT')} />;
    default:
      // An inspector (art. 24) lands on the inspection page.
      return session.inspector ? <InspectionPage session={session} /> : <Dashboard />;
  }
}

/**
 * The sign's public page (#/s/CODE, where the QR's /s/CODE leads) needs no session and never asks for one;
 * everything else is the staff UI.
 */
export function App() {
  const route = useRoute();
  if (route.parts[0] === 's' && route.parts[1]) return <PublicSignPage code={route.parts[1]} />;
  return <StaffApp route={route} />;
}

/** The signed-in UI, or the first-run setup, sign-in and second-factor enrolment before it. */
function StaffApp({ route }: { route: Route }) {
  const { t } = useTranslation();
  const session = useSession();
  const [setupToken, setSetupToken] = useState(() => /^#setup=([A-Za-z0-9_-]+)$/.exec(location.hash)?.[1]);
  if (setupToken) return <Setup token={setupToken} onDone={() => setSetupToken(undefined)} />;
  switch (session.state) {
    case 'loading':
      return <p>{t('app.loading')}</p>;
    case 'signed-out':
      return <SignIn onSignIn={session.signIn} />;
    case 'enrol':
      return <Enrol onDone={session.refresh} />;
    default:
      return (
        <Shell session={session.session} page={route.parts[0] ?? 'dashboard'} onSignOut={() => void session.signOut()}>
          <Page route={route} session={session.session} />
        </Shell>
      );
  }
}
