import { NavLink, Navigate, Outlet } from 'react-router';
import { can, useSignedIn } from '../../session.tsx';
import type { Role } from '../../../../src/modules/access/permission-matrix.ts';

/** The settings pages a role may open: members need members:read, branding org:manage. */
export function settingsPages(role: Role): { path: string; label: string }[] {
  return [
    ...(can(role, 'members:read') ? [{ path: '/settings/members', label: 'Members and invitations' }] : []),
    ...(can(role, 'org:manage') ? [{ path: '/settings/branding', label: 'Careers branding' }] : []),
    ...(can(role, 'org:manage') ? [{ path: '/settings/offers', label: 'Offer approvals' }] : []),
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
