import { NavLink, Navigate, Outlet } from 'react-router';
import { can, canOrgWide, useSignedIn } from '../../session.tsx';
import type { Role } from '../../../../src/modules/access/permission-matrix.ts';

/** The settings pages a role may open, each with the permission its API needs (org-wide where the API asks for that reach). */
export function settingsPages(role: Role): { path: string; label: string }[] {
  return [
    ...(can(role, 'members:read') ? [{ path: '/settings/members', label: 'Members and invitations' }] : []),
    ...(can(role, 'org:manage') ? [{ path: '/settings/branding', label: 'Careers branding' }] : []),
    ...(can(role, 'org:manage') ? [{ path: '/settings/offers', label: 'Offer approvals' }] : []),
    ...(can(role, 'api-keys:manage') ? [{ path: '/settings/api-keys', label: 'API keys' }] : []),
    ...(can(role, 'org:manage') ? [{ path: '/settings/sso', label: 'Single sign-on' }] : []),
    ...(canOrgWide(role, 'jobs:write') ? [{ path: '/settings/pipeline-templates', label: 'Pipeline templates' }] : []),
    ...(canOrgWide(role, 'candidates:write') ? [{ path: '/settings/rejection-reasons', label: 'Reject reasons' }] : []),
    ...(can(role, 'org:manage') ? [{ path: '/settings/email-templates', label: 'Email templates' }] : []),
    ...(can(role, 'webhooks:manage') ? [{ path: '/settings/webhooks', label: 'Webhooks' }] : []),
    ...(can(role, 'org:manage') ? [{ path: '/settings/retention', label: 'Data retention' }] : []),
  ];
}

export function Settings() {
  const { role } = useSignedIn();
  const pages = settingsPages(role);
  if (pages.length === 0) return <p role="alert">Your role has no settings to see.</p>;
  return (
    <>
      <h1>Settings</h1>
      <nav aria-label="Settings" className="tabs">
        {pages.map((p) => <NavLink key={p.path} to={p.path}>{p.label}</NavLink>)}
      </nav>
      <Outlet />
    </>
  );
}

/** /settings opens the first page the role may see. */
export function SettingsIndex() {
  const { role } = useSignedIn();
  const first = settingsPages(role)[0];
  return first ? <Navigate to={first.path} replace /> : null;
}
