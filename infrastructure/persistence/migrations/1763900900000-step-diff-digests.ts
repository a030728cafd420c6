import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Each step keeps a digest of what a diff compares (see domain/runs/diff/step-digest), written once
 * with the step. A diff then reads the two runs' outlines with their digests and loads payloads
 * only for the pairs whose digests differ, instead of every payload of both runs. Steps stored
 * before this have no digest and are compared in full, as before. Adding a nullable column with
 * no default rewrites nothing.
 */
export class StepDiffDigests1763900900000 implements MigrationInterface {
  name = 'StepDiffDigests1763900900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE steps ADD COLUMN diff_digest text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE steps DROP COLUMN IF EXISTS diff_digest`);
  }
}
