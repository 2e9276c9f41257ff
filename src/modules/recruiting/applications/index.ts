// Applications: a candidate's place in a job's pipeline, every move, and its history.
export { applicationEvents } from './applications.events.ts';
export { ApplicationSchema, AnswerValueSchema, type Application } from './applications.schemas.ts';
export { createApplicationsRepo, toApplication, type ApplicationRow, type ApplicationsRepo, type HistoryEntry, type NewApplication } from './applications.repo.ts';
