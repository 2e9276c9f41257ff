// Pipelines: the org's templates, each job's stages, and the reasons a recruiter rejects with.
export { createPipelinesRepo, defaultStages, type PipelinesRepo, type StageRow, type TemplateRow } from './pipelines.repo.ts';
export { stageKinds, type StageKind, type TemplateStage } from './pipelines.table.ts';
