// Membership: who belongs to an org with which role, and the invitations that bring people in.
export { createInvitationsRepo } from './invitations.repo.ts';
export { createInvitationsService, type InvitationsService } from './invitations.service.ts';
export { createMembersService, type MembersDeps, type MembersService } from './members.service.ts';
export { createMembershipRepo, type MembershipRepo } from './membership.repo.ts';
export { membershipRoutes } from './membership.routes.ts';
