import { z } from 'zod';
import { type PlanWavesUseCase } from '../../../application/migration/plan-waves.use-case';
import { PlanWavesInput } from '../../../application/migration/migration-input';
import { DomainError } from '../../../domain/shared/domain-error';
import { err, ok } from '../../../domain/shared/result';
import { definePrompt } from '../../shared/definitions';

export const planMigrationPrompt = (planWaves: PlanWavesUseCase) =>
  definePrompt({
    name: 'plan_migration',
    title: 'Review a migration plan',
    description:
      'Embeds the current wave plan (waves, their workloads, strategies, readiness, risk and TCO, the dependency cycles and what was left out) and asks for a review and a go/no-go for wave 1.',
    args: z.strictObject({
      max_wave_size: z
        .string()
        .regex(/^\d{1,3}$/, 'expected a whole number')
        .optional()
        .describe('Workloads per wave (default as GET /v1/migrations/waves)'),
    }),
    access: 'viewer',
    async render(actor, args) {
      const input = PlanWavesInput.safeParse(args.max_wave_size ? { max_wave_size: args.max_wave_size } : {});
      if (!input.success) {
        return err(
          DomainError.validation('max_wave_size must be from 1 to 500', [
            { path: 'max_wave_size', message: '1–500' },
          ]),
        );
      }
      const plan = await planWaves.execute(actor, input.data);
      if (!plan.ok) return plan;
      const p = plan.value;
      const waves = p.waves.map((w) =>
        [
          `### Wave ${w.number}: ${w.size} workloads, risk ${w.risk}${w.oversized ? ' (over the caps: one dependency cycle)' : ''}`,
          ...w.workloads.map(
            (x) =>
              `- ${x.name}: ${x.strategy}, readiness ${x.readiness}, risk ${x.risk}, move group ${x.group}`,
          ),
          `TCO: ${JSON.stringify(w.tco)}`,
        ].join('\n'),
      );
      return ok(
        [
          'Review this cloud migration plan from Cockpit. Waves were planned from the dependency graph: workloads in one dependency cycle move together and dependencies move in earlier waves.',
          `Caps: ${p.caps.max_wave_size} workloads and risk ${p.caps.max_wave_risk} per wave. ${p.unassessed} workloads were planned without a current assessment.`,
          '',
          ...waves,
          '',
          `Left out: ${p.excluded.map((e) => `${e.name} (${e.strategy}: ${e.reason})`).join('; ') || 'none'}`,
          `Dependency cycles: ${p.cycles.map((c) => c.join(' ↔ ')).join('; ') || 'none'}`,
          ...(p.notes.length ? ['', 'Notes:', ...p.notes.map((n) => `- ${n}`)] : []),
          '',
          'Answer, in order:',
          '1. Risks in wave 1 (criticality, data sensitivity, low readiness, strategies that need rework).',
          '2. Whether any wave should be split or reordered, and why.',
          '3. Go or no-go for wave 1, and what to check first. If go, it runs with the start_migration tool (or start_goal "plan and execute wave 1").',
        ].join('\n'),
      );
    },
  });
