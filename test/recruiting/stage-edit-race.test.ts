import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { json, publishJob, startTestApp, type TestApp } from '../helpers/app.ts';
import { addApplicant } from '../helpers/recruiting.ts';

type Stage = { id: string; name: string; kind: string };

describe('removing a stage while an application moves into it', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  test('neither request fails with a server error, and no application is left in a removed stage', async () => {
    for (let round = 0; round < 5; round++) {
      const job = await publishJob(t, t.org);
      const stagesUrl = `/v1/jobs/${job.id}/stages`;
      const stages = json<{ data: Stage[] }>(await t.app.inject({ method: 'GET', url: stagesUrl, headers: t.org.auth })).data;
      const [applied, screen, interview] = stages;
      assert.ok(applied && screen && interview);
      const moving = await addApplicant(t, t.org.id, job.id, { email: `moving-${round}@example.test` });
      await addApplicant(t, t.org.id, job.id, { email: `waiting-${round}@example.test` }, 1);
      const kept = stages.filter((s) => s.id !== screen.id).map(({ id, name, kind }) => ({ id, name, kind }));
      const [edit, move] = await Promise.all([
        t.app.inject({ method: 'PUT', url: stagesUrl, headers: t.org.auth, payload: { stages: kept, moves: [{ fromStageId: screen.id, toStageId: interview.id }] } }),
        t.app.inject({ method: 'POST', url: `/v1/applications/${moving.applicationId}/move`, headers: t.org.auth, payload: { stageId: screen.id } }),
      ]);
      assert.ok(edit.statusCode < 500 && move.statusCode < 500, `edit ${edit.statusCode} ${edit.body.slice(0, 200)}; move ${move.statusCode} ${move.body.slice(0, 200)}`);
      const after = json<{ stage: Stage }>(await t.app.inject({ method: 'GET', url: `/v1/applications/${moving.applicationId}`, headers: t.org.auth }));
      if (edit.statusCode === 200) assert.notEqual(after.stage.id, screen.id, 'the removed stage holds nothing');
      else assert.equal(move.statusCode, 200);
    }
  });
});
