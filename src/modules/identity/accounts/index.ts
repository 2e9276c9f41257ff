// Accounts: people, their passwords (hash, policy, the one check), sign-up and sign-in, emailed links.
export { createAccountsRepo, type AccountsRepo, type UserRow } from './accounts.repo.ts';
export { accountsRoutes } from './accounts.routes.ts';
export { EmailSchema, PasswordSchema, type TokenPair } from './accounts.schemas.ts';
export { createAccountsService, type AccountsService } from './accounts.service.ts';
export { toTokenPair } from './accounts.mapping.ts';
export { passwordAttempts, type AuthLimits } from './auth-limits.ts';
export { createEmailLinksRepo } from './email-links.repo.ts';
export { emailLinksRoutes } from './email-links.routes.ts';
export { createEmailLinksService, type EmailLinksService } from './email-links.service.ts';
export { createPasswordCheck, type AdmitAccount, type PasswordCheck } from './password-check.service.ts';
export { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from './password-hash.ts';
export { assertStrong, passwordProblems } from './password-policy.ts';
export { deliver, DeliveryQuerySchema, RefreshedSchema, SignedInSchema } from './token-delivery.ts';
